"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatMinutes } from "@/lib/format";
import { formatDays } from "@/components/charts/sla-timeline";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { RouterOutputs } from "@/lib/trpc/types";
import { can } from "@/lib/permissions";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { HolidaysCard } from "./holidays";
import { PolicyDialog, type PolicyValues } from "./policy-form";

type Policy = RouterOutputs["slaPolicy"]["list"]["tenantDefaults"][number];

const valuesOf = (p: Policy, clientId: string | null): PolicyValues => ({
  clientId,
  priority: p.priority,
  responseMinutes: p.responseMinutes,
  resolutionMinutes: p.resolutionMinutes,
  calendar: p.calendar,
  businessDays: [...p.businessDays],
  opensAt: p.opensAt,
  closesAt: p.closesAt,
});

const calendarText = (p: Policy) =>
  p.calendar === "24x7" ? "24×7" : `${formatDays(p.businessDays)} ${p.opensAt}–${p.closesAt}`;

export function PoliciesClient() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const me = useQuery(trpc.me.get.queryOptions());
  const list = useQuery(trpc.slaPolicy.list.queryOptions());
  const mayManage = can(me.data?.role, "slaPolicy.manage");
  const [editing, setEditing] = useState<{
    title: string;
    initial: PolicyValues;
    choose: boolean;
  } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useMutation(
    trpc.slaPolicy.removeOverride.mutationOptions({
      onSuccess: (r, input) => {
        void qc.invalidateQueries(trpc.slaPolicy.pathFilter());
        const gone = list.data?.overrides.find((o) => o.id === input.id);
        setNotice(
          `Removed the ${gone?.priority ?? ""} override${gone?.clientName ? ` for ${gone.clientName}` : ""}: ${r.recomputed} open ticket${r.recomputed === 1 ? "" : "s"} recomputed.`,
        );
      },
    }),
  );
  const defaults = list.data?.tenantDefaults ?? [];
  const overrides = list.data?.overrides ?? [];

  return (
    <>
      <PageHeader
        title="SLA policies"
        description="Response and resolution targets per priority: the tenant default, and client overrides on top. Business hours run in each site's time zone; client holidays do not count."
      />
      <p role="status" className="mb-3 min-h-5 text-sm text-emerald-800">
        {notice}
      </p>
      {remove.error ? (
        <p role="alert" className="mb-3 text-sm text-red-700">
          {errorMessage(remove.error)}
        </p>
      ) : null}
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Tenant default">
          <Table label="Tenant default policies">
            <thead>
              <tr>
                <Th>Priority</Th>
                <Th>Response</Th>
                <Th>Resolution</Th>
                <Th>Calendar</Th>
                {mayManage ? (
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {defaults.map((p) => (
                <tr key={p.priority}>
                  <Td className="font-medium">
                    {p.priority} {p.id ? null : <Badge>built-in</Badge>}
                  </Td>
                  <Td>{formatMinutes(p.responseMinutes)}</Td>
                  <Td>{formatMinutes(p.resolutionMinutes)}</Td>
                  <Td className="text-xs">{calendarText(p)}</Td>
                  {mayManage ? (
                    <Td>
                      <Button
                        variant="secondary"
                        aria-label={`Edit ${p.priority} tenant default`}
                        onClick={() =>
                          setEditing({
                            title: `${p.priority} tenant default`,
                            initial: valuesOf(p, null),
                            choose: false,
                          })
                        }
                      >
                        Edit
                      </Button>
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
          {!mayManage ? (
            <p className="px-4 py-2 text-xs text-slate-500">Only admins change policies.</p>
          ) : null}
        </Card>

        <Card
          title="Client overrides"
          actions={
            mayManage ? (
              <Button
                variant="secondary"
                onClick={() => {
                  const base = defaults.find((d) => d.priority === "P2") ?? defaults[0];
                  if (base)
                    setEditing({
                      title: "New client override",
                      initial: { ...valuesOf(base, null), priority: base.priority },
                      choose: true,
                    });
                }}
              >
                Add override
              </Button>
            ) : null
          }
        >
          {overrides.length ? (
            <Table label="Client overrides">
              <thead>
                <tr>
                  <Th>Client</Th>
                  <Th>Priority</Th>
                  <Th>Response</Th>
                  <Th>Resolution</Th>
                  <Th>Calendar</Th>
                  {mayManage ? (
                    <Th>
                      <span className="sr-only">Actions</span>
                    </Th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {overrides.map((o) => (
                  <tr key={o.id}>
                    <Td>{o.clientName}</Td>
                    <Td className="font-medium">{o.priority}</Td>
                    <Td>{formatMinutes(o.responseMinutes)}</Td>
                    <Td>{formatMinutes(o.resolutionMinutes)}</Td>
                    <Td className="text-xs">{calendarText(o)}</Td>
                    {mayManage ? (
                      <Td>
                        <div className="flex gap-1">
                          <Button
                            variant="secondary"
                            aria-label={`Edit ${o.priority} override for ${o.clientName}`}
                            onClick={() =>
                              setEditing({
                                title: `${o.priority} override for ${o.clientName ?? "client"}`,
                                initial: valuesOf(o, o.clientId),
                                choose: false,
                              })
                            }
                          >
                            Edit
                          </Button>
                          <Button
                            variant="danger"
                            aria-label={`Remove ${o.priority} override for ${o.clientName}`}
                            disabled={remove.isPending}
                            onClick={() => remove.mutate({ id: o.id })}
                          >
                            Remove
                          </Button>
                        </div>
                      </Td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : (
            <EmptyState>No client has its own targets; the tenant default applies.</EmptyState>
          )}
        </Card>

        <HolidaysCard onChanged={setNotice} />
      </div>
      {editing ? (
        <PolicyDialog
          key={editing.title}
          title={editing.title}
          initial={editing.initial}
          choose={editing.choose}
          defaultsFor={(p) => {
            const d = defaults.find((x) => x.priority === p);
            return d ? valuesOf(d, null) : undefined;
          }}
          onDone={(saved) => {
            setEditing(null);
            if (saved)
              setNotice(
                `Saved the ${saved.label}: ${saved.recomputed} open ticket${saved.recomputed === 1 ? "" : "s"} recomputed.`,
              );
          }}
        />
      ) : null}
    </>
  );
}
