"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { TierBadge } from "@/components/ui/tier-badge";
import { localTime } from "@/lib/format";
import { useNow } from "@/lib/hooks/use-now";
import { useTRPC } from "@/lib/trpc/client";

/** The sites in the viewer's scope with their local time now: who is awake where. */
export function SitesCard() {
  const trpc = useTRPC();
  const sites = useQuery(trpc.site.list.queryOptions({}));
  const now = useNow(30_000);
  return (
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
                    tone={s.criticality >= 4 ? "red" : s.criticality === 3 ? "amber" : "slate"}
                  >
                    {s.criticality} / 5
                  </Badge>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <EmptyState>
          {sites.isPending ? "Loading sites…" : "No sites in your scope yet."}
        </EmptyState>
      )}
    </Card>
  );
}
