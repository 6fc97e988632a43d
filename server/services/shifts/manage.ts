import "server-only";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { attendanceApiInput } from "@/lib/schemas/shifts";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { ConflictError, NotFoundError } from "../_core/errors";
import { requireActorCan } from "../_core/scope";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { resolveAlertsByFingerprint } from "../noc/system-alerts";
import { getGuardInTenant, getShiftInTenant } from "./access";
import { findGuardShift, recordAttendance } from "./attendance";
import { findingFingerprint } from "./detect-raise";
import { assertShiftOfGuard } from "./guard";

const { shifts } = schema;

/**
 * A site manager (or supervisor, admin) records a check-in or check-out the guard could not
 * send (a dead phone), with how it was confirmed: audited, and detected like any other.
 */
export async function manualAttendance(
  ctx: ServiceCtx,
  input: { shiftId: string; kind: "check_in" | "check_out"; at: Date; note: string },
  now: Date,
) {
  requireActorCan(ctx, "shifts.record", "Your role cannot record attendance");
  const shift = await getShiftInTenant(ctx, input.shiftId);
  return recordAttendance(
    ctx,
    {
      shiftId: shift.id,
      kind: input.kind,
      method: "manual",
      at: input.at,
      position: null,
      recordedBy: ctx.actor.type === "user" ? ctx.actor.userId : null,
      note: input.note,
    },
    now,
  );
}

/**
 * Marks an absence excused (illness, an agreed swap): the shift leaves the compliance figures,
 * its open NO_SHOW alert is resolved, and the change is audited with the reason.
 */
export async function excuseAbsence(
  ctx: ServiceCtx,
  input: { shiftId: string; reason: string },
  now: Date,
) {
  requireActorCan(ctx, "shifts.record", "Your role cannot excuse absences");
  return inTx(ctx, async (tx) => {
    const shift = await getShiftInTenant(tx, input.shiftId);
    const [locked] = await tx.db.select().from(shifts).where(eq(shifts.id, shift.id)).for("update");
    if (!locked) throw new NotFoundError("Shift");
    if (locked.status === "cancelled") throw new ConflictError("shiftId: That shift was cancelled");
    if (locked.checkedInAt)
      throw new ConflictError("shiftId: The guard checked in to this shift; it is not an absence");
    if (locked.excusedAt) return { excused: true, alertsResolved: 0 };
    await tx.db
      .update(shifts)
      .set({
        excusedAt: now,
        excusedBy: ctx.actor.type === "user" ? ctx.actor.userId : null,
        excuseReason: input.reason,
        updatedAt: now,
      })
      .where(eq(shifts.id, shift.id));
    await recordAudit(tx, {
      action: "shift.excuse",
      entityType: "shift",
      entityId: shift.id,
      before: { excusedAt: null },
      after: { excusedAt: now.toISOString(), reason: input.reason },
    });
    const resolved = await resolveAlertsByFingerprint(
      tx,
      [findingFingerprint(`${shift.id}:NO_SHOW`)],
      `Absence excused: ${input.reason}`.slice(0, 500),
      now,
    );
    await publish(tx, "shift", [shift.id]);
    return { excused: true, alertsResolved: resolved };
  });
}

/**
 * POST /api/attendance: a device or gateway (API key) reports a guard's check-in or check-out.
 * The guard must be an active guard of the key's tenant; a named shift must be theirs, else the
 * guard's shift around `at` is used.
 */
export async function deviceAttendance(
  ctx: ServiceCtx,
  input: z.output<typeof attendanceApiInput>,
  now: Date,
) {
  const guard = await getGuardInTenant(ctx, input.guardId);
  let shiftId = input.shiftId;
  if (shiftId) {
    const [shift] = await ctx.db
      .select({ id: shifts.id, guardId: shifts.guardId })
      .from(shifts)
      .where(and(eq(shifts.id, shiftId), eq(shifts.tenantId, ctx.tenantId)));
    if (!shift) throw new NotFoundError("Shift");
    assertShiftOfGuard(shift, guard.id);
  } else {
    const found = await findGuardShift(ctx, guard.id, input.kind, input.at);
    if (!found)
      throw new ConflictError(
        input.kind === "check_in"
          ? `at: ${guard.name} has no shift starting within 2 hours of ${input.at.toISOString()} or under way then`
          : `at: ${guard.name} has no shift checked in to and not yet checked out at ${input.at.toISOString()}`,
      );
    shiftId = found;
  }
  const position =
    input.latitude !== undefined && input.longitude !== undefined && input.accuracyM !== undefined
      ? { latitude: input.latitude, longitude: input.longitude, accuracyM: input.accuracyM }
      : null;
  return recordAttendance(
    ctx,
    {
      shiftId,
      kind: input.kind,
      method: input.method,
      at: input.at,
      position,
      apiKeyId: ctx.actor.type === "apiKey" ? ctx.actor.keyId : null,
    },
    now,
  );
}
