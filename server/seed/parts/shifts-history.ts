import { eq } from "drizzle-orm";
import { tierIncludes, type Tier } from "@/lib/tiers";
import { schema, type Db } from "@/server/db";
import { fenceVerdict, type Fix } from "@/server/services/shifts/geofence";
import { earlyBeyondTolerance } from "@/server/services/shifts/rules";
import type { Random } from "../random";
import { DEMO_GUARD, HABITS, USUAL_HABITS } from "./shifts-data";

export const HISTORY_DAYS = 35;
export const MINUTE = 60_000;
export const DAY = 86_400_000;

export type Site = {
  id: string;
  name: string;
  clientId: string;
  timeZone: string;
  latitude: number;
  longitude: number;
  radiusM: number;
  tier: Tier;
};

export async function sitesOf(db: Db, tenantId: string): Promise<Map<string, Site>> {
  const rows = await db
    .select({
      id: schema.sites.id,
      name: schema.sites.name,
      clientId: schema.sites.clientId,
      timeZone: schema.sites.timeZone,
      latitude: schema.sites.latitude,
      longitude: schema.sites.longitude,
      radiusM: schema.sites.geofenceRadiusM,
      tier: schema.clients.tier,
    })
    .from(schema.sites)
    .innerJoin(schema.clients, eq(schema.clients.id, schema.sites.clientId))
    .where(eq(schema.sites.tenantId, tenantId));
  return new Map(rows.map((r) => [r.name, r]));
}

export async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
}

export type HistoryShift = typeof schema.shifts.$inferInsert & {
  id: string;
  startsAt: Date;
  endsAt: Date;
};

/** A fix near a point: `metres` away to the north-east, with this accuracy. */
export function fixNear(site: Site, metres: number, accuracyM: number): Fix {
  const d = metres / 111_195 / Math.SQRT2;
  return {
    latitude: site.latitude + d,
    longitude: site.longitude + d / Math.cos((site.latitude * Math.PI) / 180),
    accuracyM,
  };
}

/**
 * The last 35 days of a roster as it went: mostly on time, some late, a few no-shows and
 * wrong-site fixes, the shifts under way now checked in. Findings older than a day are stored
 * as detection would have (newer ones are left to the first detection run, which raises their
 * NOC alerts).
 */
export function playHistory(
  r: Random,
  site: Site,
  shift: HistoryShift,
  guardName: string | null,
  now: Date,
) {
  const events: (typeof schema.attendanceEvents.$inferInsert)[] = [];
  const findings: (typeof schema.shiftFindings.$inferInsert)[] = [];
  // the demo guard's shift under way is his to check in to from the phone page
  if (guardName === DEMO_GUARD.name && shift.endsAt > now) return { events, findings };
  const habits = (guardName && HABITS[guardName]) || USUAL_HABITS;
  const start = shift.startsAt.getTime();
  const roll = r.next();
  const outcome = !guardName
    ? "absent"
    : roll < habits.noShow
      ? "absent"
      : roll < habits.noShow + habits.late
        ? "late"
        : roll < habits.noShow + habits.late + (habits.wrongSite ?? 0.01)
          ? "wrong_site"
          : roll < habits.noShow + habits.late + (habits.wrongSite ?? 0.01) + 0.03
            ? "uncertain"
            : r.chance(0.02)
              ? "early"
              : "on_time";
  const detectable = tierIncludes(site.tier, "shiftCompliance") && start < now.getTime() - DAY;
  const finding = (kind: "LATE" | "NO_SHOW" | "WRONG_SITE", at: Date, details: object) =>
    findings.push({
      tenantId: shift.tenantId,
      clientId: site.clientId,
      siteId: site.id,
      shiftId: shift.id,
      kind,
      key: `${shift.id}:${kind}`,
      detectedAt: at,
      details: details as Record<string, unknown>,
    });
  if (outcome === "absent") {
    if (detectable && start + 120 * MINUTE <= now.getTime())
      finding("NO_SHOW", new Date(start + 120 * MINUTE), { minutesOverdue: 120 });
    return { events, findings };
  }
  const offset =
    outcome === "late" ? r.int(16, 75) : outcome === "early" ? -r.int(35, 55) : r.int(-25, 9);
  const at = new Date(start + offset * MINUTE);
  if (at > now) return { events, findings };
  const fix =
    outcome === "wrong_site"
      ? fixNear(site, r.int(900, 3000), r.int(10, 40))
      : outcome === "uncertain"
        ? fixNear(site, site.radiusM - 10, r.int(120, 250))
        : fixNear(site, r.int(0, Math.max(0, site.radiusM - 60)), r.int(5, 35));
  const { verdict, distanceM } = fenceVerdict(fix, site);
  const method = r.chance(0.1) ? ("nfc" as const) : ("app" as const);
  events.push({
    tenantId: shift.tenantId,
    shiftId: shift.id,
    guardId: shift.guardId,
    kind: "check_in",
    method,
    at,
    ...fix,
    verdict,
    distanceM,
    matchedSiteId: verdict === "on_site" ? site.id : null,
    earlyMinutes: earlyBeyondTolerance(shift.startsAt, at),
    createdAt: at,
  });
  shift.checkedInAt = at;
  shift.checkInVerdict = verdict;
  shift.checkInDistanceM = distanceM;
  shift.lastVerdict = verdict;
  if (detectable && outcome === "late") finding("LATE", at, { minutesLate: offset });
  if (detectable && verdict === "wrong_site")
    finding("WRONG_SITE", at, { kind: "check_in", at, distanceM, atSite: null });
  const out = new Date(shift.endsAt.getTime() + r.int(-5, 15) * MINUTE);
  if (out <= now) {
    const back = fixNear(site, r.int(0, Math.max(0, site.radiusM - 60)), r.int(5, 30));
    const v = fenceVerdict(back, site);
    events.push({
      tenantId: shift.tenantId,
      shiftId: shift.id,
      guardId: shift.guardId,
      kind: "check_out",
      method,
      at: out,
      ...back,
      verdict: v.verdict,
      distanceM: v.distanceM,
      matchedSiteId: site.id,
      createdAt: out,
    });
    shift.checkedOutAt = out;
    shift.lastVerdict = v.verdict;
  }
  return { events, findings };
}
