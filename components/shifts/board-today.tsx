"use client";

import { PermittedLink } from "@/components/shell/permitted-link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { NeedsTier } from "@/components/ui/locked";
import { Td, Th } from "@/components/ui/table";
import { TierBadge } from "@/components/ui/tier-badge";
import { formatDay, formatTime, zoneName } from "@/lib/format";
import type { FindingKind } from "@/lib/shifts";
import { actionsFor, type BoardActionKind } from "./board-logic";
import { type BoardRow, type BoardSite, CheckInCell, ShiftStateBadge } from "./board-parts";

export type BoardAction = { kind: BoardActionKind; shift: BoardRow };

const ACTION_LABELS: Record<BoardActionKind, string> = {
  check_in: "Check in",
  check_out: "Check out",
  excuse: "Excuse",
};

/**
 * One site's day: its shifts in the site's local time with their states, and the day's tour
 * rounds. A site whose plan lacks the live board shows the rows as of its last refresh.
 */
export function SiteBoard({
  site,
  now,
  canRecord,
  onAction,
  heldSince,
  onRefresh,
}: {
  site: BoardSite;
  now: Date;
  canRecord: boolean;
  onAction: (a: BoardAction) => void;
  /** when the rows shown were read, for a site that is not live; null when live */
  heldSince: Date | null;
  onRefresh: () => void;
}) {
  const zone = zoneName(now, site.timeZone);
  return (
    <section
      aria-labelledby={`site-${site.id}`}
      className="min-w-0 rounded-lg border border-slate-200 bg-white shadow-xs"
    >
      <header className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 border-b border-slate-200 px-4 py-2.5">
        <div className="min-w-0">
          <h2 id={`site-${site.id}`} className="text-sm font-semibold text-slate-800">
            {site.name}
          </h2>
          <p className="text-xs text-slate-500">
            {site.clientName} · {formatDay(site.localDate)} ·{" "}
            <span className="tabular-nums">{formatTime(now, { timeZone: site.timeZone })}</span>{" "}
            local ({site.timeZone.replaceAll("_", " ")})
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <TierBadge tier={site.tier} />
          {site.live ? (
            <span title="States change here as check-ins and detections land">
              <Badge tone="green">● Live</Badge>
            </span>
          ) : (
            <>
              <span className="text-slate-500">
                As of {heldSince ? formatTime(heldSince, { timeZone: site.timeZone }) : "now"}
              </span>
              <NeedsTier feature="liveComplianceDashboards" />
              <Button variant="secondary" className="py-0.5! text-xs" onClick={onRefresh}>
                Refresh
              </Button>
            </>
          )}
        </div>
      </header>
      {site.shifts.length ? (
        <div className="overflow-x-auto">
          <table aria-label={`Shifts today at ${site.name}`} className="w-full text-left text-sm">
            <thead>
              <tr>
                <Th className="w-32">State</Th>
                <Th>Post · guard</Th>
                <Th>Shift ({zone})</Th>
                <Th className="whitespace-nowrap">Check-in</Th>
                {canRecord ? (
                  <Th className="text-right">
                    <span className="sr-only">Actions</span>
                  </Th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {site.shifts.map((r) => (
                <ShiftRow key={r.id} row={r} now={now} canRecord={canRecord} onAction={onAction} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState>No shifts at this site today.</EmptyState>
      )}
      {site.rounds.length ? <Rounds site={site} now={now} /> : null}
    </section>
  );
}

function ShiftRow({
  row,
  now,
  canRecord,
  onAction,
}: {
  row: BoardRow;
  now: Date;
  canRecord: boolean;
  onAction: (a: BoardAction) => void;
}) {
  const who = row.guardName ?? "Open shift";
  return (
    <tr aria-label={`${row.postName}, ${who}, ${row.localStart}–${row.localEnd}`}>
      <Td>
        <ShiftStateBadge state={row.state} />
        <Findings row={row} />
        {row.excuseReason ? (
          <div className="mt-0.5 max-w-40 truncate text-xs text-slate-500" title={row.excuseReason}>
            {row.excuseReason}
          </div>
        ) : null}
      </Td>
      <Td>
        <div className="font-medium text-slate-800">{row.postName}</div>
        <div className="text-slate-700">
          {row.guardName ? (
            <span>{row.guardName}</span>
          ) : (
            <Badge tone="amber">Open · nobody assigned</Badge>
          )}
          {row.guardName && !row.confirmed && row.state === "upcoming" ? (
            <span className="text-xs text-amber-700"> · not confirmed</span>
          ) : null}
        </div>
      </Td>
      <Td className="whitespace-nowrap tabular-nums">
        {row.localStart}–{row.localEnd}
        {row.localEnd <= row.localStart ? (
          <span className="block text-xs text-slate-500">overnight</span>
        ) : null}
      </Td>
      <Td>
        <CheckInCell row={row} />
      </Td>
      {canRecord ? (
        <Td className="text-right whitespace-nowrap">
          <span className="flex flex-col items-end gap-1 2xl:flex-row 2xl:justify-end">
            {actionsFor(row, now).map((kind) => (
              <Button
                key={kind}
                variant={kind === "excuse" ? "ghost" : "secondary"}
                className="py-0.5! text-xs"
                aria-label={`${ACTION_LABELS[kind]} ${who} (${row.postName}, ${row.localStart})`}
                onClick={() => onAction({ kind, shift: row })}
              >
                {ACTION_LABELS[kind]}
              </Button>
            ))}
          </span>
        </Td>
      ) : null}
    </tr>
  );
}

const FINDING_TEXT: Record<FindingKind, string> = {
  LATE: "late arrival",
  NO_SHOW: "no-show",
  WRONG_SITE: "wrong-site fix",
  MISSED_CHECKPOINT: "missed checkpoint",
};

/** The findings detection stored for the shift, with a link to each one's NOC alert. */
function Findings({ row }: { row: BoardRow }) {
  if (!row.findings.length) return null;
  return (
    <ul aria-label="Findings" className="mt-1 space-y-0.5 text-xs text-slate-600">
      {row.findings.map((f) => (
        <li key={f.kind}>
          {FINDING_TEXT[f.kind]}
          {f.previousKind ? ` (was ${FINDING_TEXT[f.previousKind]})` : ""}
          {f.alertId ? (
            <>
              {" · "}
              <PermittedLink
                href={`/noc?alert=${f.alertId}`}
                className="text-sky-700 underline-offset-2 hover:underline"
              >
                alert
              </PermittedLink>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The day's tour rounds: scanned of expected, missed checkpoints in red. */
function Rounds({ site, now }: { site: BoardSite; now: Date }) {
  return (
    <div className="border-t border-slate-200 px-4 py-2.5">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Tour rounds today
      </h3>
      <ul
        aria-label={`Tour rounds today at ${site.name}`}
        className="mt-1.5 flex flex-wrap gap-1.5"
      >
        {site.rounds.map((r) => {
          const future = r.startsAt > now;
          const tone = r.missed
            ? "red"
            : future
              ? "slate"
              : r.scanned >= r.expected
                ? "green"
                : "sky";
          return (
            <li key={`${r.tourId}-${r.startsAt.toISOString()}`}>
              <Badge tone={tone}>
                {r.localStart} {r.tourName}
                {r.critical ? " (critical)" : ""} ·{" "}
                {future ? "due" : `${r.scanned}/${r.expected} scanned`}
                {r.missed ? ` · ${r.missed} missed` : ""}
              </Badge>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
