"use client";

import { useQuery } from "@tanstack/react-query";
import { Select } from "@/components/ui/field";
import { FEATURES, TIER_LABELS, tierIncludes } from "@/lib/tiers";
import { useTRPC } from "@/lib/trpc/client";
import type { BoardFilters, BoardView } from "./search-params";

const VIEWS: { value: BoardView; label: string }[] = [
  { value: "today", label: "Today" },
  { value: "week", label: "14-day schedule" },
];

/** The site picker (sites in the viewer's scope, by client) and the view; both land in the URL. */
export function BoardFilterBar({
  filters,
  setFilters,
}: {
  filters: BoardFilters;
  setFilters: (next: BoardFilters) => void;
}) {
  const trpc = useTRPC();
  const sites = useQuery(trpc.site.list.queryOptions({}));
  // the chosen site by itself (the page prefetches it) until the list of every site arrives
  const chosen = useQuery({
    ...trpc.site.get.queryOptions({ id: filters.siteId ?? "" }),
    enabled: Boolean(filters.siteId) && !sites.data,
  });
  const clients = new Map<string, { name: string; sites: NonNullable<typeof sites.data> }>();
  for (const s of sites.data ?? []) {
    if (!s.active && s.id !== filters.siteId) continue;
    const c = clients.get(s.clientId) ?? { name: s.clientName, sites: [] };
    c.sites.push(s);
    clients.set(s.clientId, c);
  }
  return (
    <div className="mb-4 flex flex-wrap items-center gap-3 text-sm">
      <label className="flex items-center gap-1.5">
        <span className="text-slate-600">Site</span>
        <span className="w-64">
          <Select
            value={filters.siteId ?? ""}
            onChange={(e) =>
              setFilters({ ...filters, siteId: e.target.value || undefined, page: undefined })
            }
          >
            <option value="">All my sites</option>
            {!sites.data && chosen.data ? (
              <option value={chosen.data.id}>{chosen.data.name}</option>
            ) : null}
            {[...clients.entries()].map(([id, c]) => (
              <optgroup key={id} label={c.name}>
                {c.sites.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                    {tierIncludes(s.tier, "shiftCompliance")
                      ? ""
                      : ` · schedule only (${TIER_LABELS[FEATURES.shiftCompliance.minTier]} for states)`}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </span>
      </label>
      <div
        role="group"
        aria-label="View"
        className="inline-flex overflow-hidden rounded-md ring-1 ring-slate-300"
      >
        {VIEWS.map((v) => (
          <button
            key={v.value}
            type="button"
            aria-pressed={filters.view === v.value}
            onClick={() => setFilters({ ...filters, view: v.value, page: undefined })}
            className={`px-3 py-1.5 font-medium focus-visible:relative focus-visible:outline-2 focus-visible:outline-sky-600 ${
              filters.view === v.value
                ? "bg-sky-700 text-white"
                : "bg-white text-slate-700 hover:bg-slate-100"
            }`}
          >
            {v.label}
          </button>
        ))}
      </div>
    </div>
  );
}
