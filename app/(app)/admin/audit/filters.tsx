"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { FilterCheck, FilterField, FilterSelect } from "@/components/forms/filter-fields";
import { Input } from "@/components/ui/field";
import { actionLabel, AUDIT_ACTOR_KINDS, AUDIT_ENTITY_TYPES } from "@/lib/audit";
import { useTRPC } from "@/lib/trpc/client";
import type { AuditUrlFilters } from "./search-params";

const ACTOR_KIND_OPTIONS = Object.entries(AUDIT_ACTOR_KINDS).map(([k, label]) => ({
  value: `kind:${k}`,
  label,
}));
const ENTITY_TYPE_OPTIONS = Object.entries(AUDIT_ENTITY_TYPES).map(([k, label]) => ({
  value: k,
  label,
}));

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
      <FilterSelect
        layout="above"
        label="Who"
        all="Anyone"
        value={filters.actor}
        options={[
          ...ACTOR_KIND_OPTIONS,
          ...(options.data?.people ?? []).map((p) => ({ value: p.id, label: p.name })),
        ]}
        onChange={(v) => setFilter({ actor: v })}
      />
      <FilterSelect
        layout="above"
        label="About"
        name="Entity type"
        all="Everything"
        value={filters.entityType}
        options={ENTITY_TYPE_OPTIONS}
        onChange={(v) =>
          setFilter({ entityType: v as AuditUrlFilters["entityType"], action: undefined })
        }
      />
      <FilterSelect
        layout="above"
        label="Action"
        all="Any action"
        value={filters.action}
        options={(options.data?.actions ?? [])
          .filter((a) => !filters.entityType || a.startsWith(`${filters.entityType}.`))
          .map((a) => ({ value: a, label: actionLabel(a) }))}
        onChange={(v) => setFilter({ action: v })}
      />
      <FilterField layout="above" label="From">
        <Input
          type="date"
          aria-label="From"
          value={filters.from ?? ""}
          onChange={(e) => setFilter({ from: e.target.value || undefined })}
        />
      </FilterField>
      <FilterField layout="above" label="To">
        <Input
          type="date"
          aria-label="To"
          value={filters.to ?? ""}
          onChange={(e) => setFilter({ to: e.target.value || undefined })}
        />
      </FilterField>
      <form
        className="col-span-2 md:col-span-1"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ q: q.trim() || undefined });
        }}
      >
        <FilterField layout="above" label="Search">
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
        </FilterField>
      </form>
      <FilterCheck
        className="col-span-2 flex items-center gap-2 md:col-span-1 md:pb-2"
        label="Hide the demo simulator"
        checked={filters.hideSimulator}
        onChange={(on) => setFilter({ hideSimulator: on })}
      />
    </div>
  );
}
