"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Input, Select } from "@/components/ui/field";
import { actionLabel, AUDIT_ACTOR_KINDS, AUDIT_ENTITY_TYPES } from "@/lib/audit";
import { useTRPC } from "@/lib/trpc/client";
import type { AuditUrlFilters } from "./search-params";

/** Who, what kind, which action, which days, free text, and the simulator's rows. */
export function AuditFilterBar({
  filters,
  setFilter,
}: {
  filters: AuditUrlFilters;
  setFilter: (patch: Partial<AuditUrlFilters>) => void;
}) {
  const trpc = useTRPC();
  const options = useQuery(trpc.audit.filterOptions.queryOptions());
  const [q, setQ] = useState(filters.q ?? "");
  return (
    <div
      role="group"
      aria-label="Filters"
      className="mb-3 grid grid-cols-2 gap-2 text-sm md:flex md:flex-wrap md:items-end"
    >
      <Labelled label="Who">
        <Select
          aria-label="Who"
          value={filters.actor ?? ""}
          onChange={(e) => setFilter({ actor: e.target.value || undefined })}
        >
          <option value="">Anyone</option>
          {Object.entries(AUDIT_ACTOR_KINDS).map(([k, label]) => (
            <option key={k} value={`kind:${k}`}>
              {label}
            </option>
          ))}
          {(options.data?.people ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Labelled>
      <Labelled label="About">
        <Select
          aria-label="Entity type"
          value={filters.entityType ?? ""}
          onChange={(e) =>
            setFilter({
              entityType: (e.target.value || undefined) as AuditUrlFilters["entityType"],
              action: undefined,
            })
          }
        >
          <option value="">Everything</option>
          {Object.entries(AUDIT_ENTITY_TYPES).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </Select>
      </Labelled>
      <Labelled label="Action">
        <Select
          aria-label="Action"
          value={filters.action ?? ""}
          onChange={(e) => setFilter({ action: e.target.value || undefined })}
        >
          <option value="">Any action</option>
          {(options.data?.actions ?? [])
            .filter((a) => !filters.entityType || a.startsWith(`${filters.entityType}.`))
            .map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
        </Select>
      </Labelled>
      <Labelled label="From">
        <Input
          type="date"
          aria-label="From"
          value={filters.from ?? ""}
          onChange={(e) => setFilter({ from: e.target.value || undefined })}
        />
      </Labelled>
      <Labelled label="To">
        <Input
          type="date"
          aria-label="To"
          value={filters.to ?? ""}
          onChange={(e) => setFilter({ to: e.target.value || undefined })}
        />
      </Labelled>
      <form
        className="col-span-2 md:col-span-1"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ q: q.trim() || undefined });
        }}
      >
        <Labelled label="Search">
          <Input
            type="search"
            aria-label="Search the log"
            placeholder="Name, action, value… (Enter)"
            value={q}
            maxLength={100}
            onChange={(e) => {
              setQ(e.target.value);
              if (!e.target.value) setFilter({ q: undefined });
            }}
          />
        </Labelled>
      </form>
      <label className="col-span-2 flex items-center gap-2 md:col-span-1 md:pb-2">
        <input
          type="checkbox"
          checked={filters.hideSimulator}
          onChange={(e) => setFilter({ hideSimulator: e.target.checked })}
        />
        Hide the demo simulator
      </label>
    </div>
  );
}

function Labelled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <span aria-hidden="true" className="text-xs text-slate-600">
        {label}
      </span>
      {children}
    </div>
  );
}
