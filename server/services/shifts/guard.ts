import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { AttendanceKind } from "@/lib/shifts";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx, UserActor } from "../_core/context";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../_core/errors";
import { requireActorCan } from "../_core/scope";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { recordAttendance } from "./attendance";
import { SHIFT_COLUMNS, toBoardRow } from "./board-rows";
import type { Fix } from "./geofence";
import { withinAttachWindow } from "./rules";
import { rawRows } from "@/server/db/raw";

const { shifts } = schema;

/** The guard acting: only a signed-in guard reaches these (shifts.checkIn / myShifts.view). */
export function guardOf(ctx: ServiceCtx): UserActor {
  if (ctx.actor.type !== "user") throw new ForbiddenError("Only a signed-in guard can do that");
  return ctx.actor;
}

/**
 * A shift of the guard's own, else a refusal naming the field: another tenant's id reads as
 * not found; a shift of the same tenant held by someone else is refused as not theirs.
 */
async function ownShift(ctx: ServiceCtx, shiftId: string) {
  const me = guardOf(ctx);
  const [row] = await ctx.db
    .select()
    .from(shifts)
    .where(and(eq(shifts.id, shiftId), eq(shifts.tenantId, ctx.tenantId)));
  if (!row) throw new NotFoundError("Shift");
  if (row.guardId !== me.userId)
    throw new ForbiddenError("shiftId: That shift is assigned to someone else, not you");
  return row;
}

/** The guard's shifts from 12 h ago to a week ahead, in each site's time, with what they can do now. */
export async function myShifts(ctx: ServiceCtx, now: Date) {
  requireActorCan(ctx, "myShifts.view");
  const me = guardOf(ctx);
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await rawRows<
    Parameters<typeof toBoardRow>[0] & {
      siteName: string;
      siteAddress: string;
      timeZone: string;
      latitude: number;
      longitude: number;
      radiusM: number;
    }
  >(
    ctx.db,
    sql`
    select ${SHIFT_COLUMNS}, s.name as "siteName", s.address as "siteAddress", s.time_zone as "timeZone",
      s.latitude, s.longitude, s.geofence_radius_m as "radiusM"
    from shifts sh
    join sites s on s.id = sh.site_id
    join posts p on p.id = sh.post_id
    left join users u on u.id = sh.guard_id
    where sh.tenant_id = ${ctx.tenantId} and sh.guard_id = ${me.userId} and sh.status = 'scheduled'
      and sh.ends_at > ${at} - interval '12 hours' and sh.starts_at < ${at} + interval '7 days'
    order by sh.starts_at`,
  );
  return rows.map((r) => {
    const b = toBoardRow(r, r.timeZone, now);
    const excused = r.excusedAt != null;
    return {
      id: b.id,
      siteName: r.siteName,
      siteAddress: r.siteAddress,
      timeZone: r.timeZone,
      postName: b.postName,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      localStart: b.localStart,
      localEnd: b.localEnd,
      localDate: b.startsAt.toLocaleDateString("en-CA", { timeZone: r.timeZone }),
      state: b.state,
      checkedInAt: b.checkedInAt,
      checkedOutAt: b.checkedOutAt,
      confirmed: b.confirmed,
      geofence: { latitude: r.latitude, longitude: r.longitude, radiusM: r.radiusM },
      canCheckIn: !excused && !b.checkedInAt && withinAttachWindow(b, now),
      canCheckOut: !excused && b.checkedInAt != null && b.checkedOutAt == null,
      canConfirm: !excused && !b.confirmed && b.startsAt > now,
    };
  });
}

/** Check in or out of the guard's own shift from the phone, at the server's time. */
export async function guardAttendance(
  ctx: ServiceCtx,
  input: { shiftId: string; kind: AttendanceKind; position?: Fix | null },
  now: Date,
) {
  requireActorCan(ctx, "shifts.checkIn");
  const shift = await ownShift(ctx, input.shiftId);
  return recordAttendance(
    ctx,
    {
      shiftId: shift.id,
      kind: input.kind,
      method: "app",
      at: now,
      position: input.position ?? null,
    },
    now,
  );
}

/** The guard says they will work an upcoming shift (an unconfirmed one is a coverage risk). */
export async function confirmShift(ctx: ServiceCtx, input: { shiftId: string }, now: Date) {
  requireActorCan(ctx, "shifts.checkIn");
  return inTx(ctx, async (tx) => {
    const shift = await ownShift(tx, input.shiftId);
    if (shift.status === "cancelled") throw new ConflictError("shiftId: That shift was cancelled");
    if (shift.startsAt <= now) throw new ConflictError("shiftId: That shift has already started");
    if (shift.confirmedAt) return { confirmed: true };
    await tx.db.update(shifts).set({ confirmedAt: now }).where(eq(shifts.id, shift.id));
    await recordAudit(tx, {
      action: "shift.confirm",
      entityType: "shift",
      entityId: shift.id,
      before: { confirmedAt: null },
      after: { confirmedAt: now.toISOString() },
    });
    await publish(tx, "shift", [shift.id]);
    return { confirmed: true };
  });
}

/** Whether a shift belongs to this guard (the device API names the shift and the guard). */
export function assertShiftOfGuard(shift: { guardId: string | null }, guardId: string) {
  if (shift.guardId !== guardId)
    throw new ValidationError("shiftId: That shift is assigned to another guard", "shiftId");
}
