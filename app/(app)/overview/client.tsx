"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { SEVERITIES } from "@/lib/noc";
import { ROLE_LABELS, SCOPED_ROLES } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { FigureCard } from "./figure";
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
          <FigureCard
            title="NOC queue"
            figures={[
              { label: "Open", value: o.alerts.open, href: "/noc" },
              {
                label: "Not acknowledged",
                value: o.alerts.unacknowledged,
                href: "/noc?status=new",
                tone: "amber",
              },
              {
                label: "Overdue to acknowledge",
                value: o.alerts.overdue,
                href: "/noc?overdue=1",
                tone: "red",
                hint: "past the severity's target",
              },
              {
                label: "Escalated",
                value: o.alerts.escalated,
                href: "/noc?escalated=1",
                tone: "red",
              },
            ]}
          >
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
          </FigureCard>
        ) : null}
        {o?.sla ? (
          <FigureCard
            title="SLA risks"
            figures={[
              { label: "Open tickets", value: o.sla.open, href: "/sla" },
              { label: "At risk", value: o.sla.atRisk, href: "/sla?state=at-risk", tone: "amber" },
              {
                label: "Breached",
                value: o.sla.breached,
                href: "/sla?state=breached",
                tone: "red",
                hint: "open and past due",
              },
            ]}
          />
        ) : null}
        {o?.workOrders ? (
          <FigureCard
            title="Work orders at your sites"
            figures={[
              { label: "Open", value: o.workOrders.open, href: "/work-orders" },
              { label: "Overdue", value: o.workOrders.overdue, href: "/work-orders", tone: "red" },
            ]}
          />
        ) : null}
        {o?.shifts ? (
          <FigureCard
            title="Shifts, last 24 hours"
            figures={[
              { label: "On duty now", value: o.shifts.onDuty, href: "/shifts" },
              { label: "Late", value: o.shifts.late, href: "/shifts", tone: "amber" },
              { label: "No-shows", value: o.shifts.noShows, href: "/shifts", tone: "red" },
            ]}
          />
        ) : null}
        {o?.scorecards ? (
          <FigureCard
            title={`Scorecards${o.scorecards.month ? `, ${o.scorecards.month}` : ""}`}
            figures={[
              { label: "Red", value: o.scorecards.rag.red, href: "/scorecards", tone: "red" },
              { label: "Amber", value: o.scorecards.rag.amber, href: "/scorecards", tone: "amber" },
              { label: "Green", value: o.scorecards.rag.green, href: "/scorecards" },
            ]}
          >
            <p className="border-t border-slate-200 px-4 py-2.5 text-sm text-slate-600">
              {o.scorecards.worst.length
                ? `Red: ${o.scorecards.worst.map((c) => c.name).join(", ")}`
                : `${o.scorecards.clients} client${o.scorecards.clients === 1 ? "" : "s"}, none red`}
              {o.scorecards.missing ? ` · ${o.scorecards.missing} without a scorecard yet` : ""}
            </p>
          </FigureCard>
        ) : null}
        {o?.devices ? (
          <FigureCard
            title="Devices"
            figures={[
              { label: "Devices", value: o.devices.total },
              { label: "Offline", value: o.devices.offline, tone: "red" },
              { label: "At risk", value: o.devices.atRisk, tone: "amber" },
            ]}
          />
        ) : null}
      </div>
      <div className="mt-6">
        <SitesCard />
      </div>
    </>
  );
}
