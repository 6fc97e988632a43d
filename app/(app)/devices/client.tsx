"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { HealthHistogram } from "@/components/charts/device-charts";
import { Card, EmptyState } from "@/components/ui/card";
import { Locked } from "@/components/ui/locked";
import { RelativeTime } from "@/components/ui/relative-time";
import { DEVICE_RULES } from "@/lib/devices";
import { TIER_LABELS } from "@/lib/tiers";
import { useTRPC } from "@/lib/trpc/client";
import { lockedFeature } from "@/lib/trpc/errors";
import { FleetFilterBar } from "./filters";
import { ReplacementList, SitesTable, WorstTable } from "./fleet-tables";
import { fleetSearch, type FleetFilters } from "./search-params";

export function DevicesClient({ initialFilters }: { initialFilters: FleetFilters }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<FleetFilters>(initialFilters);
  const fleet = useQuery({
    ...trpc.device.fleet.queryOptions(filters),
    placeholderData: keepPreviousData,
    // a plan refusal stays a refusal: show it locked at once
    retry: (n, err) => !lockedFeature(err) && n < 3,
  });
  const setFilter = (patch: Partial<FleetFilters>) => {
    const next: FleetFilters = { ...filters, ...patch };
    for (const k of Object.keys(next) as (keyof FleetFilters)[])
      if (next[k] === undefined) delete next[k];
    setFilters(next);
    // a shallow URL update (Next's router follows it): the query refetches, the page does not
    window.history.replaceState(null, "", `/devices${fleetSearch(next)}`);
  };
  const locked = lockedFeature(fleet.error);
  const f = fleet.data;

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Devices</h1>
          <p className="text-sm text-slate-600">
            Health of cameras, panels, sensors, tablets and buttons, scored every hour from their
            telemetry. At risk: online with a failure chance of{" "}
            {Math.round(DEVICE_RULES.alertAt * 100)}% or more, or a score under{" "}
            {DEVICE_RULES.atRiskScore}.
          </p>
        </div>
        <p className="text-xs text-slate-500" aria-live="polite">
          {f?.lastRunAt ? (
            <RelativeTime date={f.lastRunAt} prefix="Scored " />
          ) : f ? (
            "Not scored yet"
          ) : null}
        </p>
      </div>

      <FleetFilterBar filters={filters} setFilter={setFilter} />
      {f?.lockedClients.length ? (
        <div className="mb-3">
          <Locked feature="deviceHealth">
            {lockedList(f.lockedClients)}: their devices still raise failure and offline alerts in
            the NOC, but are not scored or shown here.
          </Locked>
        </div>
      ) : null}

      {locked ? (
        <Card>
          <div className="p-4">
            <Locked feature={locked}>{fleet.error?.message}</Locked>
          </div>
        </Card>
      ) : !f ? (
        <Card>
          <EmptyState>
            {fleet.isError ? "The fleet could not be loaded." : "Loading the fleet…"}
          </EmptyState>
        </Card>
      ) : (
        <div className={`space-y-4 ${fleet.isPlaceholderData ? "opacity-60" : ""}`}>
          <Counts counts={f.counts} />
          <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
            <div className="space-y-4">
              <HealthHistogram buckets={f.histogram} />
              <Card title="Replacement list">
                <ReplacementList replacement={f.replacement} />
              </Card>
            </div>
            <Card title="Worst 20">
              {f.worst.length ? (
                <WorstTable rows={f.worst} />
              ) : (
                <EmptyState>No device has been scored yet.</EmptyState>
              )}
            </Card>
          </div>
          <Card title="By site">
            {f.sites.length ? (
              <SitesTable rows={f.sites} onSite={(siteId) => setFilter({ siteId })} />
            ) : (
              <EmptyState>No devices match.</EmptyState>
            )}
          </Card>
        </div>
      )}
    </>
  );
}

const COUNTS = [
  { key: "online", label: "Online", tone: "text-emerald-700" },
  { key: "offline", label: "Offline", tone: "text-red-700" },
  { key: "atRisk", label: "At risk", tone: "text-amber-700" },
  { key: "total", label: "Devices", tone: "text-slate-900" },
] as const;

function Counts({
  counts,
}: {
  counts: { total: number; online: number; offline: number; atRisk: number; unscored: number };
}) {
  return (
    <dl aria-label="Fleet counts" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {COUNTS.map((c) => (
        <div
          key={c.key}
          className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs"
          data-testid={`count-${c.key}`}
        >
          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{c.label}</dt>
          <dd className={`text-2xl font-semibold tabular-nums ${c.tone}`}>{counts[c.key]}</dd>
          {c.key === "total" && counts.unscored ? (
            <dd className="text-xs text-slate-500">{counts.unscored} not scored yet</dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

function lockedList(clients: readonly { name: string; tier: keyof typeof TIER_LABELS }[]) {
  const named = clients
    .slice(0, 4)
    .map((c) => `${c.name} (${c.tier === "none" ? "no plan" : TIER_LABELS[c.tier]})`);
  if (clients.length > 4) named.push(`${clients.length - 4} more`);
  return new Intl.ListFormat("en", { type: "conjunction" }).format(named);
}
