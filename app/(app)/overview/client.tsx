"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { TierBadge } from "@/components/ui/tier-badge";
import { localTime } from "@/lib/format";
import { ROLE_LABELS, SCOPED_ROLES } from "@/lib/roles";
import { TIERS, TIER_LABELS, FEATURES } from "@/lib/tiers";
import { useNow } from "@/lib/hooks/use-now";
import { useTRPC } from "@/lib/trpc/client";

export function OverviewClient() {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const clients = useQuery(trpc.client.list.queryOptions());
  const sites = useQuery(trpc.site.list.queryOptions({}));
  const now = useNow(30_000);

  const byTier = TIERS.map((t) => ({
    tier: t,
    count: clients.data?.filter((c) => c.tier === t).length ?? 0,
  }));
  const zones = new Set(sites.data?.map((s) => s.timeZone));
  const scoped = me.data && SCOPED_ROLES.includes(me.data.role);

  return (
    <>
      <PageHeader
        title={`Good to see you, ${me.data?.name.split(" ")[0] ?? ""}`}
        description={
          me.data
            ? `${ROLE_LABELS[me.data.role]} at ${me.data.tenant.name}${scoped ? " — showing the clients and sites in your scope" : ""}`
            : undefined
        }
      />
      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Clients" value={clients.data?.length} />
        <Stat label="Sites" value={sites.data?.length} />
        <Stat label="Time zones" value={sites.data ? zones.size : undefined} />
        <Stat
          label="High-criticality sites"
          value={sites.data?.filter((s) => s.criticality >= 4).length}
          hint="criticality 4–5"
        />
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <Card title="Sites">
            {sites.data?.length ? (
              <Table label="Sites">
                <thead>
                  <tr>
                    <Th>Site</Th>
                    <Th>Client</Th>
                    <Th>Local time</Th>
                    <Th>Criticality</Th>
                  </tr>
                </thead>
                <tbody>
                  {sites.data.map((s) => (
                    <tr key={s.id}>
                      <Td>
                        <div className="font-medium">{s.name}</div>
                        <div className="text-xs text-slate-500">{s.address}</div>
                      </Td>
                      <Td>
                        <div>{s.clientName}</div>
                        <TierBadge tier={s.tier} />
                      </Td>
                      <Td>
                        <div className="tabular-nums" suppressHydrationWarning>
                          {localTime(s.timeZone, now)}
                        </div>
                        <div className="text-xs text-slate-500">{s.timeZone}</div>
                      </Td>
                      <Td>
                        <Badge
                          tone={
                            s.criticality >= 4 ? "red" : s.criticality === 3 ? "amber" : "slate"
                          }
                        >
                          {s.criticality} / 5
                        </Badge>
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            ) : (
              <EmptyState>No sites in your scope yet.</EmptyState>
            )}
          </Card>
        </div>
        <Card title="Clients by plan">
          <ul className="divide-y divide-slate-100">
            {byTier.map(({ tier, count }) => (
              <li key={tier} className="flex items-center justify-between px-4 py-2 text-sm">
                <TierBadge tier={tier} />
                <span className="tabular-nums text-slate-700">
                  {count} client{count === 1 ? "" : "s"}
                </span>
              </li>
            ))}
          </ul>
          <div className="border-t border-slate-200 px-4 py-3 text-xs text-slate-500">
            {Object.values(FEATURES).length} features across the plans; {TIER_LABELS.gold} includes
            all of them.
          </div>
        </Card>
      </div>
    </>
  );
}

function Stat({ label, value, hint }: { label: string; value: number | undefined; hint?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums">{value ?? "–"}</div>
      {hint ? <div className="text-xs text-slate-400">{hint}</div> : null}
    </div>
  );
}
