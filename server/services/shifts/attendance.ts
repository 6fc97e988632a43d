import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { SHIFT_RULES, type AttendanceKind, type AttendanceMethod } from "@/lib/shifts";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { ConflictError, ValidationError } from "../_core/errors";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { detectShifts } from "./detect";
import { fenceVerdict, HAVERSINE_SQL, type Fix } from "./geofence";
import { earlyBeyondTolerance, withinAttachWindow } from "./rules";
import { rawRows } from "@/server/db/raw";

const { shifts, attendanceEvents, sites } = schema;
type Shift = typeof shifts.$inferSelect;

const MINUTE = 60_000;
/** a check-out this long after the end is still the shift's (overtime, a late tap) */
const CHECK_OUT_GRACE_MINUTES = 12 * 60;

export type AttendanceInput = {
  shiftId: string;
  kind: AttendanceKind;
  method: AttendanceMethod;
  at: Date;
  position: Fix | null;
  recordedBy?: string | null;
  apiKeyId?: string | null;
  note?: string | null;
};

const clock = (d: Date, timeZone: string) =>
  d.toLocaleTimeString("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" });

/** The site whose geofence holds a fix, nearest first (a wrong-site check-in names it). */
async function siteAt(ctx: ServiceCtx, fix: Fix): Promise<{ id: string; name: string } | null> {
  const d = sql.raw(HAVERSINE_SQL("s.latitude", "s.longitude", "p.lat", "p.lon"));
  const [row] = await rawRows<{ id: string; name: string }>(
    ctx.db,
    sql`
    select s.id, s.name from sites s
    cross join (select ${fix.latitude}::float8 as lat, ${fix.longitude}::float8 as lon) p
    where s.tenant_id = ${ctx.tenantId} and s.active
      -- a cheap box first (a degree of latitude is 111 km; 0.2° holds any fence)
      and s.latitude between p.lat - 0.2 and p.lat + 0.2
      and ${d} <= s.geofence_radius_m
    order by ${d}
    limit 1`,
  );
  return row ?? null;
}

/**
 * Records a check-in or check-out on a shift, checked against the site's geofence with the
 * fix's accuracy, then runs detection for that shift at once. The shift row is locked for the
 * duration, so attendance and detection of one shift never interleave. The caller has decided
 * the actor may record for this shift (guard, device key or manager).
 */
export async function recordAttendance(ctx: ServiceCtx, input: AttendanceInput, now: Date) {
  return inTx(ctx, async (tx) => {
    if (input.at.getTime() > now.getTime() + SHIFT_RULES.futureSkewMinutes * MINUTE)
      throw new ValidationError(
        `at: ${input.at.toISOString()} is more than ${SHIFT_RULES.futureSkewMinutes} minutes in the future`,
        "at",
      );
    const [shift] = await tx.db
      .select()
      .from(shifts)
      .where(and(eq(shifts.id, input.shiftId), eq(shifts.tenantId, ctx.tenantId)))
      .for("update");
    if (!shift) throw new ConflictError("shiftId: That shift no longer exists");
    const [site] = await tx.db
      .select({
        id: sites.id,
        name: sites.name,
        timeZone: sites.timeZone,
        latitude: sites.latitude,
        longitude: sites.longitude,
        radiusM: sites.geofenceRadiusM,
      })
      .from(sites)
      .where(eq(sites.id, shift.siteId));
    if (!site) throw new ConflictError("shiftId: That shift's site no longer exists");
    checkTiming(shift, input, site.timeZone);

    const { verdict, distanceM } = fenceVerdict(input.position, {
      latitude: site.latitude,
      longitude: site.longitude,
      radiusM: site.radiusM,
    });
    const matched =
      input.position && verdict !== "on_site" ? await siteAt(tx, input.position) : null;
    const early = input.kind === "check_in" ? earlyBeyondTolerance(shift.startsAt, input.at) : null;
    const [event] = await tx.db
      .insert(attendanceEvents)
      .values({
        tenantId: ctx.tenantId,
        shiftId: shift.id,
        guardId: shift.guardId,
        kind: input.kind,
        method: input.method,
        at: input.at,
        latitude: input.position?.latitude ?? null,
        longitude: input.position?.longitude ?? null,
        accuracyM: input.position?.accuracyM ?? null,
        verdict,
        distanceM,
        matchedSiteId: verdict === "on_site" ? site.id : (matched?.id ?? null),
        earlyMinutes: early,
        recordedBy: input.recordedBy ?? null,
        apiKeyId: input.apiKeyId ?? null,
        note: input.note ?? null,
      })
      .returning({ id: attendanceEvents.id });
    if (!event) throw new Error("attendance not recorded");

    const first = input.kind === "check_in" && !shift.checkedInAt;
    const set: Partial<Shift> = { lastVerdict: verdict, updatedAt: now };
    if (input.kind === "check_in" && (!shift.checkedInAt || input.at < shift.checkedInAt)) {
      set.checkedInAt = input.at;
      set.checkInVerdict = verdict;
      set.checkInDistanceM = distanceM;
    }
    if (input.kind === "check_out") set.checkedOutAt = input.at;
    await tx.db.update(shifts).set(set).where(eq(shifts.id, shift.id));
    await recordAudit(tx, {
      action: input.method === "manual" ? `shift.manual_${input.kind}` : `shift.${input.kind}`,
      entityType: "shift",
      entityId: shift.id,
      before: first ? { checkedInAt: null } : null,
      after: {
        at: input.at.toISOString(),
        method: input.method,
        verdict,
        distanceM,
        ...(early ? { earlyMinutes: early } : {}),
        ...(matched && verdict === "wrong_site" ? { atSite: matched.name } : {}),
        ...(input.note ? { note: input.note } : {}),
      },
    });
    const detected = await detectShifts(tx, { shiftIds: [shift.id] }, now);
    await publish(tx, "shift", [shift.id]);
    return {
      id: event.id,
      shiftId: shift.id,
      verdict,
      distanceM,
      earlyMinutes: early,
      matchedSite: verdict === "on_site" ? site.name : (matched?.name ?? null),
      findings: detected.raised,
    };
  });
}

/** Refuses attendance that cannot belong to the shift, saying why in the site's time. */
function checkTiming(shift: Shift, input: AttendanceInput, timeZone: string) {
  const span = `${clock(shift.startsAt, timeZone)}–${clock(shift.endsAt, timeZone)}`;
  if (shift.status === "cancelled")
    throw new ConflictError("shiftId: That shift was cancelled when the roster changed");
  if (shift.excusedAt)
    throw new ConflictError("shiftId: That absence was excused; ask the site manager to undo it");
  if (input.kind === "check_in") {
    if (!withinAttachWindow(shift, input.at))
      throw new ConflictError(
        `at: The shift runs ${span} (${timeZone}); a check-in at ${clock(input.at, timeZone)} is not part of it`,
      );
    return;
  }
  if (!shift.checkedInAt)
    throw new ConflictError("kind: Check in before checking out of this shift");
  if (shift.checkedOutAt)
    throw new ConflictError(`kind: Already checked out at ${clock(shift.checkedOutAt, timeZone)}`);
  if (input.at < shift.checkedInAt)
    throw new ConflictError("at: A check-out cannot come before the check-in");
  if (input.at.getTime() > shift.endsAt.getTime() + CHECK_OUT_GRACE_MINUTES * MINUTE)
    throw new ConflictError(`at: The shift ended at ${clock(shift.endsAt, timeZone)}`);
}

/**
 * The guard's shift an attendance at `at` belongs to, for devices that do not name one: a
 * check-in goes to the shift whose window (2 h before the start to the end) holds it, the
 * nearest start first; a check-out to the guard's shift checked in and not yet out.
 */
export async function findGuardShift(
  ctx: ServiceCtx,
  guardId: string,
  kind: AttendanceKind,
  at: Date,
): Promise<string | null> {
  const t = sql`${at.toISOString()}::timestamptz`;
  const rows = await rawRows<{ id: string }>(
    ctx.db,
    kind === "check_in"
      ? sql`
        select id from shifts
        where tenant_id = ${ctx.tenantId} and guard_id = ${guardId} and status = 'scheduled'
          and starts_at - make_interval(mins => ${SHIFT_RULES.attachBeforeMinutes}) <= ${t} and ends_at >= ${t}
        order by abs(extract(epoch from starts_at - ${t})) limit 1`
      : sql`
        select id from shifts
        where tenant_id = ${ctx.tenantId} and guard_id = ${guardId} and status = 'scheduled'
          and checked_in_at is not null and checked_out_at is null and checked_in_at <= ${t}
          and ends_at + make_interval(mins => ${CHECK_OUT_GRACE_MINUTES}) >= ${t}
        order by starts_at desc limit 1`,
  );
  return rows[0]?.id ?? null;
}
