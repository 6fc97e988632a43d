"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { TierBadge } from "@/components/ui/tier-badge";
import { useTRPC } from "@/lib/trpc/client";
import { ClientForm } from "./client-form";
import { SiteForm } from "./site-form";
import { Timeline } from "@/components/admin/timeline";

type Panel =
  | { kind: "newClient" }
  | { kind: "client"; id: string }
  | { kind: "newSite"; clientId: string }
  | { kind: "site"; id: string }
  | null;

export function ClientsClient() {
  const trpc = useTRPC();
  const clients = useQuery(trpc.client.list.queryOptions());
  const sites = useQuery(trpc.site.list.queryOptions({}));
  const [panel, setPanel] = useState<Panel>(null);
  const close = () => setPanel(null);

  const editingClient =
    panel?.kind === "client" ? clients.data?.find((c) => c.id === panel.id) : undefined;
  const editingSite =
    panel?.kind === "site" ? sites.data?.find((s) => s.id === panel.id) : undefined;

  return (
    <>
      <PageHeader
        title="Clients & sites"
        description="Each client's plan tier, executive recipients and contract targets, and its sites with time zone, geofence and criticality."
        actions={<Button onClick={() => setPanel({ kind: "newClient" })}>New client</Button>}
      />
      <div className={`grid gap-6 ${panel ? "lg:grid-cols-[1fr_400px]" : ""}`}>
        <div className="space-y-4">
          {clients.data?.map((c) => {
            const own = sites.data?.filter((s) => s.clientId === c.id) ?? [];
            return (
              <Card
                key={c.id}
                title={c.name}
                actions={
                  <div className="flex items-center gap-2">
                    <TierBadge tier={c.tier} />
                    {c.active ? null : <Badge tone="red">Inactive</Badge>}
                    <Button
                      variant="ghost"
                      onClick={() => setPanel({ kind: "client", id: c.id })}
                      aria-label={`Edit client ${c.name}`}
                    >
                      Edit
                    </Button>
                    <Button
                      variant="secondary"
                      onClick={() => setPanel({ kind: "newSite", clientId: c.id })}
                      aria-label={`Add site to ${c.name}`}
                    >
                      Add site
                    </Button>
                  </div>
                }
              >
                <div className="border-b border-slate-100 px-4 py-2 text-xs text-slate-600">
                  Executive recipients:{" "}
                  {c.executiveRecipients.length ? c.executiveRecipients.join(", ") : "none"}
                  {c.contractTargets.slaMetPct !== undefined
                    ? ` · SLA target ${c.contractTargets.slaMetPct}%`
                    : ""}
                  {c.contractTargets.alarmResponseMinutes !== undefined
                    ? ` · alarm response ${c.contractTargets.alarmResponseMinutes} min`
                    : ""}
                </div>
                {own.length ? (
                  <Table label={`Sites of ${c.name}`}>
                    <thead>
                      <tr>
                        <Th>Site</Th>
                        <Th>Time zone</Th>
                        <Th>Geofence</Th>
                        <Th>Criticality</Th>
                        <Th>
                          <span className="sr-only">Actions</span>
                        </Th>
                      </tr>
                    </thead>
                    <tbody>
                      {own.map((s) => (
                        <tr key={s.id}>
                          <Td>
                            <div className="font-medium">
                              {s.name} {s.active ? null : <Badge tone="red">Inactive</Badge>}
                            </div>
                            <div className="text-xs text-slate-500">{s.address}</div>
                          </Td>
                          <Td className="text-slate-600">{s.timeZone}</Td>
                          <Td className="text-xs tabular-nums text-slate-600">
                            {s.latitude.toFixed(4)}, {s.longitude.toFixed(4)} · {s.geofenceRadiusM}{" "}
                            m
                          </Td>
                          <Td>{s.criticality} / 5</Td>
                          <Td className="text-right">
                            <Button
                              variant="ghost"
                              onClick={() => setPanel({ kind: "site", id: s.id })}
                              aria-label={`Edit site ${s.name}`}
                            >
                              Edit
                            </Button>
                          </Td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                ) : (
                  <p className="px-4 py-3 text-sm text-slate-500">No sites yet.</p>
                )}
              </Card>
            );
          })}
        </div>
        {panel ? (
          <div className="space-y-4">
            {panel.kind === "newClient" ? <ClientForm onDone={close} /> : null}
            {editingClient ? (
              <>
                <ClientForm key={editingClient.id} client={editingClient} onDone={close} />
                <Card title="History">
                  <div className="p-4">
                    <Timeline entityType="client" entityId={editingClient.id} />
                  </div>
                </Card>
              </>
            ) : null}
            {panel.kind === "newSite" ? (
              <SiteForm clientId={panel.clientId} onDone={close} />
            ) : null}
            {editingSite ? (
              <>
                <SiteForm
                  key={editingSite.id}
                  site={editingSite}
                  clientId={editingSite.clientId}
                  onDone={close}
                />
                <Card title="History">
                  <div className="p-4">
                    <Timeline entityType="site" entityId={editingSite.id} />
                  </div>
                </Card>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
    </>
  );
}
