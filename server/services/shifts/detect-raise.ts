import "server-only";
import { uuidIn } from "@/server/db/sql-literals";
import { sql } from "drizzle-orm";
import type { AlertType, Severity } from "@/lib/noc";
import type { FindingKind } from "@/lib/shifts";
import type { ServiceCtx } from "../_core/context";
import { gatherDeliveryRequests } from "../notifications/request-delivery";
import { notifyUsers } from "../notifications/enqueue";
import { raiseSystemAlerts, type SystemAlert } from "../noc/system-alerts";
import { rawRows } from "@/server/db/raw";

const ALERT_TYPE: Record<Exclude<FindingKind, "MISSED_CHECKPOINT">, AlertType> = {
  NO_SHOW: "SHIFT_NO_SHOW",
  LATE: "SHIFT_LATE",
  WRONG_SITE: "SHIFT_WRONG_SITE",
};

/** The alert fingerprint of a finding: one per shift and type (noc.md), one per tour round. */
export const findingFingerprint = (key: string) => `shift:${key}`;
export const roundFingerprint = (tourRunId: string) => `tour:${tourRunId}`;

export type NewFinding = {
  id: string;
  key: string;
  kind: FindingKind;
  shiftId: string | null;
  tourRunId: string | null;
  siteId: string;
  clientId: string;
  siteName: string;
  criticality: number;
  guardName: string | null;
  postName: string | null;
  tourName: string | null;
  critical: boolean | null;
  details: Record<string, unknown>;
};

const ids = uuidIn;

/** NOC alerts for new findings (critical tours only, for missed checkpoints), and the managers told. */
export async function raiseFor(tx: ServiceCtx, found: NewFinding[], now: Date): Promise<number> {
  if (!found.length) return 0;
  const alerts: SystemAlert[] = [];
  const seenRounds = new Set<string>();
  for (const f of found) {
    const who = f.guardName ?? "Nobody";
    if (f.kind === "MISSED_CHECKPOINT") {
      if (!f.critical || !f.tourRunId || seenRounds.has(f.tourRunId)) continue;
      seenRounds.add(f.tourRunId);
      alerts.push({
        siteId: f.siteId,
        clientId: f.clientId,
        type: "TOUR_MISSED",
        severity: "high",
        title: `Patrol round missed: ${f.tourName ?? "tour"} at ${f.siteName}`.slice(0, 200),
        description: `Checkpoints of the critical tour “${f.tourName ?? ""}” were not scanned within their window.`,
        fingerprint: roundFingerprint(f.tourRunId),
        source: "shift",
      });
      continue;
    }
    const severity: Severity =
      f.kind === "NO_SHOW"
        ? f.criticality >= 4
          ? "high"
          : "medium"
        : f.kind === "LATE"
          ? "low"
          : "medium";
    alerts.push({
      siteId: f.siteId,
      clientId: f.clientId,
      type: ALERT_TYPE[f.kind],
      severity,
      title: findingTitle(f, who).slice(0, 200),
      description: findingDescription(f),
      fingerprint: findingFingerprint(f.key),
      source: "shift",
      shiftId: f.shiftId,
    });
  }
  const raised = await raiseSystemAlerts(tx, alerts, now);
  // link each finding to its alert (the board opens it from there)
  await tx.db.execute(sql`
    update shift_findings f set alert_id = a.id
    from alerts a
    where f.tenant_id = ${tx.tenantId} and f.id in ${ids(found.map((f) => f.id))}
      and a.tenant_id = f.tenant_id and a.status <> 'resolved'
      and a.fingerprint = case when f.kind = 'MISSED_CHECKPOINT' then 'tour:' || f.tour_run_id else 'shift:' || f.key end`);
  await notifyManagers(tx, found, now);
  return raised.created;
}

function findingTitle(f: NewFinding, who: string): string {
  const post = f.postName ? ` (${f.postName})` : "";
  switch (f.kind) {
    case "NO_SHOW":
      return f.guardName
        ? `No show: ${who} at ${f.siteName}${post}`
        : `Shift not covered: nobody on ${f.postName ?? "the post"} at ${f.siteName}`;
    case "LATE":
      return `Late: ${who} at ${f.siteName}${post}, ${String(f.details.minutesLate ?? "?")} min`;
    default:
      return `Wrong site: ${who} for ${f.siteName}${post}`;
  }
}

function findingDescription(f: NewFinding): string {
  const d = f.details;
  switch (f.kind) {
    case "NO_SHOW":
      return `No check-in ${String(d.minutesOverdue ?? "")} minutes after the shift's start.`;
    case "LATE":
      return `First check-in ${String(d.minutesLate ?? "")} minutes after the shift's start.`;
    default:
      return `A ${d.kind === "check_out" ? "check-out" : "check-in"} ${
        d.atSite ? `at ${String(d.atSite)}` : "outside every site's geofence"
      }${d.distanceM != null ? `, ${String(d.distanceM)} m from ${f.siteName}` : ""}.`;
  }
}

/** The site's managers (scoped to the site or its client) get one message per finding. */
async function notifyManagers(tx: ServiceCtx, found: NewFinding[], now: Date) {
  const siteIds = [...new Set(found.map((f) => f.siteId))];
  const managers = await rawRows<{
    siteId: string;
    userId: string;
  }>(
    tx.db,
    sql`
    select distinct s.id as "siteId", u.id as "userId"
    from sites s
    join user_scopes us on us.tenant_id = s.tenant_id and (us.site_id = s.id or us.client_id = s.client_id)
    join users u on u.id = us.user_id and u.role = 'site_manager' and u.active
    where s.tenant_id = ${tx.tenantId} and s.id in ${ids(siteIds)}`,
  );
  await gatherDeliveryRequests(async () => {
    for (const f of found) {
      const userIds = managers.filter((m) => m.siteId === f.siteId).map((m) => m.userId);
      if (!userIds.length) continue;
      const title =
        f.kind === "MISSED_CHECKPOINT"
          ? `Missed checkpoint on ${f.tourName ?? "a tour"} at ${f.siteName}`
          : findingTitle(f, f.guardName ?? "Nobody");
      await notifyUsers(
        tx,
        {
          userIds,
          subject: title,
          body:
            f.kind === "MISSED_CHECKPOINT"
              ? "A checkpoint was not scanned within its window."
              : findingDescription(f),
          link: f.shiftId ? `/shifts?shift=${f.shiftId}` : `/shifts?site=${f.siteId}`,
          dedupeKey: `finding:${f.key}`,
          kind: "shift_finding",
          entity: f.shiftId ? `shift:${f.shiftId}` : `site:${f.siteId}`,
        },
        now,
      );
    }
  });
}
