"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { can } from "@/lib/permissions";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { useRulesRefresh } from "./use-rules-refresh";
import { WindowForm } from "./window-form";

const label = (t: string) => t.replaceAll("_", " ").toLowerCase();

export function RulesClient() {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const mayRoute = can(me.data?.role, "noc.routing.manage");
  return (
    <>
      <PageHeader
        title="Routing & maintenance"
        description="Where alerts that score 80 or more are routed, and the windows in which planned work keeps alerts out of the queue."
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <RoutingTable editable={mayRoute} />
        <div className="space-y-6">
          <WindowForm />
          <WindowList />
        </div>
      </div>
    </>
  );
}

function RoutingTable({ editable }: { editable: boolean }) {
  const trpc = useTRPC();
  const rules = useQuery(trpc.nocSettings.routing.queryOptions());
  const groups = useQuery(trpc.group.list.queryOptions());
  const refresh = useRulesRefresh();
  const set = useMutation(trpc.nocSettings.setRouting.mutationOptions({ onSuccess: refresh }));
  return (
    <Card title="Routing rules">
      <Table label="Routing rules">
        <thead>
          <tr>
            <Th>Alert type</Th>
            <Th>Routed to</Th>
          </tr>
        </thead>
        <tbody>
          {rules.data?.map((r) => (
            <tr key={r.type}>
              <Td className="capitalize">{label(r.type)}</Td>
              <Td>
                {editable ? (
                  <div className="flex items-center gap-2">
                    <Select
                      aria-label={`Group for ${label(r.type)}`}
                      value={r.isDefault ? "" : (r.groupId ?? "")}
                      onChange={(e) =>
                        set.mutate({ type: r.type, groupId: e.target.value || null })
                      }
                    >
                      <option value="">
                        {r.isDefault && r.groupName
                          ? `Default: ${r.groupName}`
                          : "Default (not routed)"}
                      </option>
                      {groups.data?.map((g) => (
                        <option key={g.id} value={g.id}>
                          {g.name}
                        </option>
                      ))}
                    </Select>
                  </div>
                ) : (
                  <span>
                    {r.groupName ?? "not routed"} {r.isDefault ? <Badge>default</Badge> : null}
                  </span>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {set.error ? (
        <p role="alert" className="px-4 py-2 text-sm text-red-700">
          {errorMessage(set.error)}
        </p>
      ) : null}
      {!editable ? (
        <p className="px-4 py-2 text-xs text-slate-500">Only admins change routing.</p>
      ) : null}
    </Card>
  );
}

function WindowList() {
  const trpc = useTRPC();
  const windows = useQuery(trpc.nocSettings.windows.queryOptions());
  const refresh = useRulesRefresh();
  const cancel = useMutation(trpc.nocSettings.cancelWindow.mutationOptions({ onSuccess: refresh }));
  const [now] = useState(() => Date.now());
  return (
    <Card title="Maintenance windows">
      {windows.data?.length ? (
        <ul aria-label="Maintenance windows" className="divide-y divide-slate-100">
          {windows.data.map((w) => {
            const state = w.cancelledAt
              ? "cancelled"
              : w.endsAt.getTime() < now
                ? "ended"
                : w.startsAt.getTime() > now
                  ? "scheduled"
                  : "active";
            return (
              <li key={w.id} className="flex items-start justify-between gap-3 px-4 py-3 text-sm">
                <div>
                  <div className="font-medium">
                    {w.name}{" "}
                    <Badge
                      tone={state === "active" ? "amber" : state === "scheduled" ? "sky" : "slate"}
                    >
                      {state}
                    </Badge>
                  </div>
                  <div className="text-xs text-slate-500">
                    {formatDateTime(w.startsAt, { zone: true })} →{" "}
                    {formatDateTime(w.endsAt, { zone: true })} ·{" "}
                    {w.siteIds.length ? `${w.siteIds.length} site(s)` : "all sites"} ·{" "}
                    {w.types.length ? w.types.map(label).join(", ") : "all types"} · never fire
                    alarms or panics
                  </div>
                </div>
                {state === "active" || state === "scheduled" ? (
                  <Button
                    variant="danger"
                    aria-label={`Cancel ${w.name}`}
                    onClick={() => cancel.mutate({ id: w.id })}
                  >
                    Cancel
                  </Button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <EmptyState>No windows in the last week or ahead.</EmptyState>
      )}
    </Card>
  );
}
