"use client";

import { useQuery } from "@tanstack/react-query";
import { Select } from "@/components/ui/field";
import { DEVICE_KINDS, KIND_PROFILES, type DeviceKind } from "@/lib/devices";
import { FEATURES, TIER_LABELS, tierIncludes } from "@/lib/tiers";
import { useTRPC } from "@/lib/trpc/client";
import type { FleetFilters } from "./search-params";

const NEEDS = TIER_LABELS[FEATURES.deviceHealth.minTier];

/**
 * Client, site and kind; every change lands in the URL. The clients and sites are those in the
 * viewer's scope; a client whose plan lacks device health stays listed, locked, naming the tier.
 */
export function FleetFilterBar({
  filters,
  setFilter,
}: {
  filters: FleetFilters;
  setFilter: (patch: Partial<FleetFilters>) => void;
}) {
  const trpc = useTRPC();
  const sites = useQuery(trpc.site.list.queryOptions({}));
  const clients = new Map<string, { name: string; unlocked: boolean }>();
  for (const s of sites.data ?? [])
    clients.set(s.clientId, { name: s.clientName, unlocked: tierIncludes(s.tier, "deviceHealth") });
  const siteOptions = (sites.data ?? []).filter(
    (s) =>
      tierIncludes(s.tier, "deviceHealth") &&
      (s.active || s.id === filters.siteId) &&
      (!filters.clientId || s.clientId === filters.clientId),
  );
  return (
    <div
      role="group"
      aria-label="Filters"
      className="mb-3 grid grid-cols-2 gap-2 text-sm sm:flex sm:flex-wrap sm:items-center"
    >
      <Labelled label="Client">
        <Select
          aria-label="Client"
          value={filters.clientId ?? ""}
          onChange={(e) => setFilter({ clientId: e.target.value || undefined, siteId: undefined })}
        >
          <option value="">All clients</option>
          {[...clients.entries()].map(([id, c]) => (
            <option key={id} value={id} disabled={!c.unlocked && id !== filters.clientId}>
              {c.name}
              {c.unlocked ? "" : ` · needs ${NEEDS}`}
            </option>
          ))}
        </Select>
      </Labelled>
      <Labelled label="Site">
        <Select
          aria-label="Site"
          value={filters.siteId ?? ""}
          onChange={(e) => setFilter({ siteId: e.target.value || undefined })}
        >
          <option value="">All sites</option>
          {siteOptions.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </Labelled>
      <Labelled label="Kind">
        <Select
          aria-label="Kind"
          value={filters.kind ?? ""}
          onChange={(e) =>
            setFilter({ kind: (e.target.value || undefined) as DeviceKind | undefined })
          }
        >
          <option value="">All kinds</option>
          {DEVICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_PROFILES[k].label}
            </option>
          ))}
        </Select>
      </Labelled>
    </div>
  );
}

function Labelled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5 sm:flex-row sm:items-center sm:gap-1.5">
      <span aria-hidden="true" className="text-xs text-slate-600 sm:text-sm">
        {label}
      </span>
      {children}
    </div>
  );
}
