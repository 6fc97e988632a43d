"use client";

import { PermittedLink } from "@/components/shell/permitted-link";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { FAILURE_TYPE_LABELS } from "@/lib/devices";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";
import { WORK_ORDER_STATUS_LABELS } from "@/lib/work-orders";

type Detail = RouterOutputs["device"]["get"];

const link = "font-medium text-sky-700 underline-offset-2 hover:underline";

/** What happened to the device: its alerts (each opens in the NOC), failures and work orders. */
export function DeviceHistory({
  alerts,
  failures,
  workOrders,
  timeZone,
}: Pick<Detail, "alerts" | "failures" | "workOrders"> & { timeZone: string }) {
  const at = (d: Date) => formatDateTime(d, { timeZone });
  return (
    <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <Card title="Alert history">
        {alerts.length ? (
          <Table label="Alert history">
            <thead>
              <tr>
                <Th>Alert</Th>
                <Th>Status</Th>
                <Th className="hidden sm:table-cell">First seen</Th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => (
                <tr key={a.id}>
                  <Td>
                    <PermittedLink
                      href={`/noc?alert=${a.id}`}
                      className={link}
                      fallback={<span className="font-medium">{a.title}</span>}
                    >
                      {a.title}
                    </PermittedLink>
                    <div className="text-xs text-slate-500">
                      {a.type.replaceAll("_", " ").toLowerCase()} · {a.severity}
                      <span className="sm:hidden"> · {at(a.firstSeenAt)}</span>
                    </div>
                  </Td>
                  <Td>
                    <Badge tone={a.status === "resolved" ? "green" : "sky"}>
                      {a.status.replace("_", " ")}
                    </Badge>
                    {a.resolvedAt ? (
                      <div className="text-xs text-slate-500">{at(a.resolvedAt)}</div>
                    ) : null}
                  </Td>
                  <Td className="hidden sm:table-cell">{at(a.firstSeenAt)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState>No alerts for this device.</EmptyState>
        )}
      </Card>
      <div className="space-y-4">
        <Card title="Work orders">
          {workOrders.length ? (
            <ul className="divide-y divide-slate-100 text-sm">
              {workOrders.map((w) => (
                <li key={w.id} className="px-4 py-2">
                  <PermittedLink
                    href={`/work-orders?order=${w.id}`}
                    className={link}
                    fallback={<span className="font-medium">#{w.number}</span>}
                  >
                    #{w.number}
                  </PermittedLink>{" "}
                  {w.title}
                  <div className="text-xs text-slate-500">
                    {WORK_ORDER_STATUS_LABELS[w.status]} · {at(w.createdAt)}
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState>No work orders raised from this device.</EmptyState>
          )}
        </Card>
        <Card title="Failures, last 30 days">
          {failures.length ? (
            <ul className="divide-y divide-slate-100 text-sm">
              {failures.map((f, i) => (
                <li key={`${f.at.getTime()}-${i}`} className="px-4 py-2">
                  <span className="font-medium">{FAILURE_TYPE_LABELS[f.type]}</span>
                  {f.detail ? ` — ${f.detail}` : ""}
                  <div className="text-xs text-slate-500">{at(f.at)}</div>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState>No failures in the last 30 days.</EmptyState>
          )}
        </Card>
      </div>
    </div>
  );
}
