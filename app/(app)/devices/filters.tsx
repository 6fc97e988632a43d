"use client";

import { useQuery } from "@tanstack/react-query";
import { FilterSelect } from "@/components/forms/filter-fields";
import { DEVICE_KINDS, KIND_PROFILES, type DeviceKind } from "@/lib/devices";
import { FEATURES, TIER_LABELS, tierIncludes } from "@/lib/tiers";
import { useTRPC } from "@/lib/trpc/client";
import type { FleetFilters } from "./search-params";

const NEEDS = TIER_LABELS[FEATURES.deviceHealth.minTier];
const KIND_OPTIONS = DEVICE_KINDS.map((k) => ({ value: k, label: KIND_PROFILES[k].label }));

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
      <FilterSelect
        layout="above-on-phone"
        label="Client"
        all="All clients"
        value={filters.clientId}
        options={[...clients.entries()].map(([id, c]) => ({
          value: id,
          label: c.unlocked ? c.name : `${c.name} · needs ${NEEDS}`,
          disabled: !c.unlocked && id !== filters.clientId,
        }))}
        onChange={(v) => setFilter({ clientId: v, siteId: undefined })}
      />
      <FilterSelect
        layout="above-on-phone"
        label="Site"
        all="All sites"
        value={filters.siteId}
        options={siteOptions.map((s) => ({ value: s.id, label: s.name }))}
        onChange={(v) => setFilter({ siteId: v })}
      />
      <FilterSelect
        layout="above-on-phone"
        label="Kind"
        all="All kinds"
        value={filters.kind}
        options={KIND_OPTIONS}
        onChange={(v) => setFilter({ kind: v as DeviceKind | undefined })}
      />
    </div>
  );
}
