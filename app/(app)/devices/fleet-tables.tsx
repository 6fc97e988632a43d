"use client";

import Link from "next/link";
import { percentText } from "@/components/charts/device-data";
import { HealthBadge, kindLabel, OnlineBadge } from "@/components/devices/parts";
import { Locked } from "@/components/ui/locked";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th } from "@/components/ui/table";
import { DEVICE_RULES, FAILURE_TYPE_LABELS, type FailureType } from "@/lib/devices";
import type { RouterOutputs } from "@/lib/trpc/types";

type Fleet = RouterOutputs["device"]["fleet"];
type Row = Fleet["worst"][number];

const deviceLink = "font-medium text-sky-700 underline-offset-2 hover:underline";

function Prediction({ row }: { row: Pick<Row, "probability" | "failureType"> }) {
  if (row.probability === null) return <span className="text-slate-400">—</span>;
  const type = row.failureType as FailureType | null;
  const high = row.probability >= DEVICE_RULES.alertAt;
  return (
    <span className={high ? "font-medium text-red-700" : "text-slate-600"}>
      {percentText(row.probability)}
      {type ? ` ${FAILURE_TYPE_LABELS[type].toLowerCase()}` : ""}
    </span>
  );
}

/** The 20 devices in the poorest health, worst first: each opens its device page. */
export function WorstTable({ rows }: { rows: readonly Row[] }) {
  return (
    <Table label="Worst devices">
      <thead>
        <tr>
          <Th>Score</Th>
          <Th>Device</Th>
          <Th className="hidden md:table-cell">Site</Th>
          <Th>State</Th>
          <Th className="hidden sm:table-cell">Next hour</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.id}>
            <Td>
              <HealthBadge score={d.score} />
            </Td>
            <Td>
              <Link href={`/devices/${d.id}`} className={deviceLink}>
                {d.name}
              </Link>
              <div className="text-xs text-slate-500">
                {kindLabel(d.kind)} · {d.serial}
                <span className="md:hidden"> · {d.siteName}</span>
              </div>
              <div className="text-xs sm:hidden">
                <Prediction row={d} />
              </div>
            </Td>
            <Td className="hidden md:table-cell">
              {d.siteName}
              <div className="text-xs text-slate-500">{d.clientName}</div>
            </Td>
            <Td>
              <OnlineBadge online={d.online} />
              {d.lastSeenAt ? (
                <div className="text-xs whitespace-nowrap text-slate-500">
                  <RelativeTime date={d.lastSeenAt} />
                </div>
              ) : null}
            </Td>
            <Td className="hidden sm:table-cell">
              <Prediction row={d} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** One row per site: how many devices, how many offline or at risk, the average and worst. */
export function SitesTable({
  rows,
  onSite,
}: {
  rows: Fleet["sites"];
  onSite: (siteId: string) => void;
}) {
  return (
    <Table label="Sites">
      <thead>
        <tr>
          <Th>Site</Th>
          <Th className="text-right">Devices</Th>
          <Th className="text-right">Offline</Th>
          <Th className="text-right">At risk</Th>
          <Th className="hidden text-right sm:table-cell">Average</Th>
          <Th className="hidden text-right sm:table-cell">Lowest</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.siteId}>
            <Td>
              <button
                type="button"
                onClick={() => onSite(s.siteId)}
                className={`${deviceLink} text-left`}
                aria-label={`Show ${s.siteName} only`}
              >
                {s.siteName}
              </button>
              <div className="text-xs text-slate-500">{s.clientName}</div>
            </Td>
            <Td className="text-right tabular-nums">{s.devices}</Td>
            <Td
              className={`text-right tabular-nums ${s.offline ? "font-semibold text-red-700" : ""}`}
            >
              {s.offline}
            </Td>
            <Td
              className={`text-right tabular-nums ${s.atRisk ? "font-semibold text-amber-700" : ""}`}
            >
              {s.atRisk}
            </Td>
            <Td className="hidden text-right sm:table-cell">
              <HealthBadge score={s.avgScore} />
            </Td>
            <Td className="hidden text-right sm:table-cell">
              <HealthBadge score={s.minScore} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Gold: devices to replace, with the reason; on lower plans the list is shown locked. */
export function ReplacementList({ replacement }: { replacement: Fleet["replacement"] }) {
  if (!replacement.available)
    return (
      <div className="p-4">
        <Locked feature="predictiveReplacement">
          Devices whose health declined for {DEVICE_RULES.replaceAfterDecliningDays} days straight
          or that failed {DEVICE_RULES.replaceAfterFailures} or more times in 30 days are listed
          here for replacement. No client in this view is on that plan.
        </Locked>
      </div>
    );
  if (!replacement.items.length)
    return (
      <p className="px-4 py-6 text-center text-sm text-slate-500">
        Nothing to replace: no device declined for {DEVICE_RULES.replaceAfterDecliningDays} days
        straight or failed {DEVICE_RULES.replaceAfterFailures} times in 30 days.
      </p>
    );
  return (
    <ul aria-label="Replacement list" className="divide-y divide-slate-100">
      {replacement.items.map((d) => (
        <li key={d.id} className="flex items-start gap-3 px-4 py-2.5 text-sm">
          <HealthBadge score={d.score} />
          <div className="min-w-0">
            <Link href={`/devices/${d.id}`} className={deviceLink}>
              {d.name}
            </Link>
            <span className="text-xs text-slate-500">
              {" "}
              · {kindLabel(d.kind)} · {d.siteName}
            </span>
            <p className="text-slate-700">{d.reason}</p>
            {d.since ? (
              <p className="text-xs text-slate-500">
                Listed <RelativeTime date={d.since} />
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
