"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { SEVERITIES } from "@/lib/noc";
import { ROLE_LABELS, SCOPED_ROLES } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { Figure } from "./figure";
import { SitesCard } from "./sites-card";

/** Each role's start page: the numbers to act on that its capabilities reach, each a link. */
export function OverviewClient() {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const overview = useQuery(trpc.overview.get.queryOptions());
  const scoped = me.data && SCOPED_ROLES.includes(me.data.role);
  const o = overview.data;
  const none =
    o && !o.alerts && !o.sla && !o.workOrders && !o.shifts && !o.scorecards && !o.devices;

  return (
    <>
      <PageHeader
        title={`Good to see you, ${me.data?.name.split(" ")[0] ?? ""}`}
        description={
          me.data
            ? `${ROLE_LABELS[me.data.role]} at ${me.data.tenant.name}${scoped ? " — your clients and sites only" : ""}`
            : undefined
        }
      />
      {none ? <EmptyState>Nothing to watch from here for your role.</EmptyState> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {o?.alerts ? (
          <Card title="NOC queue">
            <div className="grid grid-cols-2 gap-px bg-slate-100 sm:grid-cols-4">
              <Figure label="Open" value={o.alerts.open} href="/noc" />
              <Figure
                label="Not acknowledged"
                value={o.alerts.unacknowledged}
                href="/noc?status=new"
                tone={o.alerts.unacknowledged ? "amber" : undefined}
              />
              <Figure
                label="Overdue to acknowledge"
                value={o.alerts.overdue}
                href="/noc?overdue=1"
                tone={o.alerts.overdue ? "red" : undefined}
                hint="past the severity's target"
              />
              <Figure
                label="Escalated"
                value={o.alerts.escalated}
                href="/noc?escalated=1"
                tone={o.alerts.escalated ? "red" : undefined}
              />
            </div>
            <ul className="flex flex-wrap gap-2 border-t border-slate-200 px-4 py-2.5 text-sm">
              {SEVERITIES.map((s) => (
                <li key={s}>
                  <Link
                    href={`/noc?severity=${s}`}
                    className="rounded px-1.5 py-0.5 text-slate-700 hover:bg-slate-100"
                  >
                    <span className="capitalize">{s}</span>{" "}
                    <span className="font-semibold tabular-nums">{o.alerts?.bySeverity[s]}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        {o?.sla ? (
          <Card title="SLA risks">
            <div className="grid grid-cols-3 gap-px bg-slate-100">
              <Figure label="Open tickets" value={o.sla.open} href="/sla" />
              <Figure
                label="At risk"
                value={o.sla.atRisk}
                href="/sla?state=at-risk"
                tone={o.sla.atRisk ? "amber" : undefined}
              />
              <Figure
                label="Breached"
                value={o.sla.breached}
                href="/sla?state=breached"
                tone={o.sla.breached ? "red" : undefined}
                hint="open and past due"
              />
            </div>
          </Card>
        ) : null}
        {o?.workOrders ? (
          <Card title="Work orders at your sites">
            <div className="grid grid-cols-2 gap-px bg-slate-100">
              <Figure label="Open" value={o.workOrders.open} href="/work-orders" />
              <Figure
                label="Overdue"
                value={o.workOrders.overdue}
                href="/work-orders"
                tone={o.workOrders.overdue ? "red" : undefined}
              />
            </div>
          </Card>
        ) : null}
        {o?.shifts ? (
          <Card title="Shifts, last 24 hours">
            <div className="grid grid-cols-3 gap-px bg-slate-100">
              <Figure label="On duty now" value={o.shifts.onDuty} href="/shifts" />
              <Figure
                label="Late"
                value={o.shifts.late}
                href="/shifts"
                tone={o.shifts.late ? "amber" : undefined}
              />
              <Figure
                label="No-shows"
                value={o.shifts.noShows}
                href="/shifts"
                tone={o.shifts.noShows ? "red" : undefined}
              />
            </div>
          </Card>
        ) : null}
        {o?.scorecards ? (
          <Card title={`Scorecards${o.scorecards.month ? `, ${o.scorecards.month}` : ""}`}>
            <div className="grid grid-cols-3 gap-px bg-slate-100">
              <Figure
                label="Red"
                value={o.scorecards.rag.red}
                href="/scorecards"
                tone={o.scorecards.rag.red ? "red" : undefined}
              />
              <Figure
                label="Amber"
                value={o.scorecards.rag.amber}
                href="/scorecards"
                tone={o.scorecards.rag.amber ? "amber" : undefined}
              />
              <Figure label="Green" value={o.scorecards.rag.green} href="/scorecards" />
            </div>
            <p className="border-t border-slate-200 px-4 py-2.5 text-sm text-slate-600">
              {o.scorecards.worst.length
                ? `Red: ${o.scorecards.worst.map((c) => c.name).join(", ")}`
                : `${o.scorecards.clients} client${o.scorecards.clients === 1 ? "" : "s"}, none red`}
              {o.scorecards.missing ? ` · ${o.scorecards.missing} without a scorecard yet` : ""}
            </p>
          </Card>
        ) : null}
        {o?.devices ? (
          <Card title="Devices">
            <div className="grid grid-cols-3 gap-px bg-slate-100">
              <Figure label="Devices" value={o.devices.total} />
              <Figure
                label="Offline"
                value={o.devices.offline}
                tone={o.devices.offline ? "red" : undefined}
              />
              <Figure
                label="At risk"
                value={o.devices.atRisk}
                tone={o.devices.atRisk ? "amber" : undefined}
              />
            </div>
          </Card>
        ) : null}
      </div>
      <div className="mt-6">
        <SitesCard />
      </div>
    </>
  );
}
