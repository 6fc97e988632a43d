import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { SHIFT_RULES } from "@/lib/shifts";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { ConflictError, ForbiddenError, NotFoundError } from "../_core/errors";
import { requireActorCan } from "../_core/scope";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { fenceVerdict, type Fix } from "./geofence";
import { localClock } from "./schedule";
import { rawRows } from "@/server/db/raw";
import { guardOf } from "./guard";

const { shifts, tourCheckpoints, checkpointScans, tours, sites } = schema;

/** The shifts of the guard under way at `at` (with the early tolerance before the start). */
async function onDuty(ctx: ServiceCtx, guardId: string, at: Date) {
  return ctx.db
    .select({ id: shifts.id, siteId: shifts.siteId, siteName: sites.name })
    .from(shifts)
    .innerJoin(sites, eq(sites.id, shifts.siteId))
    .where(
      and(
        eq(shifts.tenantId, ctx.tenantId),
        eq(shifts.guardId, guardId),
        eq(shifts.status, "scheduled"),
        sql`${shifts.excusedAt} is null`,
        sql`${shifts.startsAt} - make_interval(mins => ${SHIFT_RULES.earlyToleranceMinutes}) <= ${at.toISOString()}::timestamptz`,
        sql`${shifts.endsAt} > ${at.toISOString()}::timestamptz`,
      ),
    );
}

/**
 * The tours at the sites where the guard is on duty: each round open now (or next), its
 * checkpoints in order with their windows and whether they are scanned. No tokens: a scan
 * needs the physical code.
 */
export async function myTours(ctx: ServiceCtx, now: Date) {
  requireActorCan(ctx, "myShifts.view");
  const me = guardOf(ctx);
  const duty = await onDuty(ctx, me.userId, now);
  if (!duty.length) return { onDuty: false, rounds: [] };
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await rawRows<{
    runId: string;
    startsAt: string;
    tourId: string;
    tourName: string;
    critical: boolean;
    siteName: string;
    timeZone: string;
    checkpointId: string;
    seq: number;
    name: string;
    location: string;
    dueAt: string;
    scannedAt: string | null;
  }>(
    ctx.db,
    sql`
    select r.id as "runId", r.starts_at as "startsAt", t.id as "tourId", t.name as "tourName", t.critical,
      s.name as "siteName", s.time_zone as "timeZone", c.id as "checkpointId", c.seq, c.name, c.location,
      r.starts_at + make_interval(mins => c.tolerance_minutes) as "dueAt", x.scanned_at as "scannedAt"
    from tour_runs r
    join tours t on t.id = r.tour_id
    join sites s on s.id = r.site_id
    join tour_checkpoints c on c.tour_id = t.id and c.active and c.created_at <= r.starts_at
    left join checkpoint_scans x on x.tour_run_id = r.id and x.checkpoint_id = c.id
    where r.tenant_id = ${ctx.tenantId} and not r.cancelled
      and r.site_id in (select jsonb_array_elements_text(${JSON.stringify(duty.map((d) => d.siteId))}::jsonb)::uuid)
      and r.starts_at <= ${at} + interval '3 hours'
      and r.starts_at + interval '1 day' > ${at}
      and (r.starts_at + (select make_interval(mins => max(k.tolerance_minutes)) from tour_checkpoints k where k.tour_id = t.id and k.active) > ${at}
        or r.starts_at > ${at})
    order by r.starts_at, c.seq`,
  );
  const rounds = new Map<
    string,
    {
      runId: string;
      tourName: string;
      siteName: string;
      timeZone: string;
      critical: boolean;
      startsAt: Date;
      localStart: string;
      open: boolean;
      checkpoints: {
        id: string;
        seq: number;
        name: string;
        location: string;
        dueAt: Date;
        localDue: string;
        scannedAt: Date | null;
        missed: boolean;
      }[];
    }
  >();
  for (const r of rows) {
    const startsAt = new Date(r.startsAt);
    const round = rounds.get(r.runId) ?? {
      runId: r.runId,
      tourName: r.tourName,
      siteName: r.siteName,
      timeZone: r.timeZone,
      critical: r.critical,
      startsAt,
      localStart: localClock(r.timeZone, startsAt),
      open: startsAt <= now,
      checkpoints: [],
    };
    const dueAt = new Date(r.dueAt);
    round.checkpoints.push({
      id: r.checkpointId,
      seq: r.seq,
      name: r.name,
      location: r.location,
      dueAt,
      localDue: localClock(r.timeZone, dueAt),
      scannedAt: r.scannedAt ? new Date(r.scannedAt) : null,
      missed: !r.scannedAt && dueAt <= now,
    });
    rounds.set(r.runId, round);
  }
  return { onDuty: true, rounds: [...rounds.values()] };
}

/**
 * Records the scan of a checkpoint's QR code by the guard on duty at its site, in the round
 * whose window holds now. Refused with the reason: an unknown code (or another tenant's), a
 * checkpoint of a site the guard is not on duty at, no round open, or a scan of this checkpoint
 * already recorded in this round (a replay).
 */
export async function scanCheckpoint(
  ctx: ServiceCtx,
  input: { token: string; position?: Fix | null },
  now: Date,
) {
  requireActorCan(ctx, "tours.scan");
  const me = guardOf(ctx);
  return inTx(ctx, async (tx) => {
    const [cp] = await tx.db
      .select({
        id: tourCheckpoints.id,
        name: tourCheckpoints.name,
        tourId: tourCheckpoints.tourId,
        siteId: tourCheckpoints.siteId,
        active: tourCheckpoints.active,
        toleranceMinutes: tourCheckpoints.toleranceMinutes,
        latitude: tourCheckpoints.latitude,
        longitude: tourCheckpoints.longitude,
        createdAt: tourCheckpoints.createdAt,
        siteName: sites.name,
        timeZone: sites.timeZone,
        tourName: tours.name,
        tourActive: tours.active,
      })
      .from(tourCheckpoints)
      .innerJoin(sites, eq(sites.id, tourCheckpoints.siteId))
      .innerJoin(tours, eq(tours.id, tourCheckpoints.tourId))
      .where(
        and(eq(tourCheckpoints.token, input.token), eq(tourCheckpoints.tenantId, ctx.tenantId)),
      );
    if (!cp || !cp.active || !cp.tourActive)
      throw new NotFoundError("Checkpoint (this code is not in use)");
    const duty = await onDuty(tx, me.userId, now);
    const here = duty.find((d) => d.siteId === cp.siteId);
    if (!here)
      throw new ForbiddenError(
        duty.length
          ? `token: This checkpoint is at ${cp.siteName}; you are on duty at ${duty.map((d) => d.siteName).join(", ")}`
          : `token: You are not on duty at ${cp.siteName} now`,
      );
    const [run] = await rawRows<{ id: string; startsAt: string }>(
      tx.db,
      sql`
      select r.id, r.starts_at as "startsAt" from tour_runs r
      where r.tour_id = ${cp.tourId} and not r.cancelled
        and r.starts_at <= ${now.toISOString()}::timestamptz
        and r.starts_at + make_interval(mins => ${cp.toleranceMinutes}) > ${now.toISOString()}::timestamptz
        and r.starts_at >= ${cp.createdAt.toISOString()}::timestamptz
      order by r.starts_at desc limit 1`,
    );
    if (!run) {
      const [next] = await rawRows<{ startsAt: string }>(
        tx.db,
        sql`
        select starts_at as "startsAt" from tour_runs
        where tour_id = ${cp.tourId} and not cancelled and starts_at > ${now.toISOString()}::timestamptz
        order by starts_at limit 1`,
      );
      throw new ConflictError(
        `token: No round of “${cp.tourName}” is open for this checkpoint now${
          next ? `; the next starts at ${localClock(cp.timeZone, new Date(next.startsAt))}` : ""
        }`,
      );
    }
    const [scan] = await tx.db
      .insert(checkpointScans)
      .values({
        tenantId: ctx.tenantId,
        tourRunId: run.id,
        checkpointId: cp.id,
        guardId: me.userId,
        shiftId: here.id,
        scannedAt: now,
        latitude: input.position?.latitude ?? null,
        longitude: input.position?.longitude ?? null,
        accuracyM: input.position?.accuracyM ?? null,
      })
      .onConflictDoNothing({ target: [checkpointScans.tourRunId, checkpointScans.checkpointId] })
      .returning({ id: checkpointScans.id });
    if (!scan) {
      const [prior] = await tx.db
        .select({ at: checkpointScans.scannedAt })
        .from(checkpointScans)
        .where(and(eq(checkpointScans.tourRunId, run.id), eq(checkpointScans.checkpointId, cp.id)));
      throw new ConflictError(
        `token: “${cp.name}” was already scanned in this round${
          prior ? ` at ${localClock(cp.timeZone, prior.at)}` : ""
        }`,
      );
    }
    const near =
      input.position && cp.latitude != null && cp.longitude != null
        ? fenceVerdict(input.position, {
            latitude: cp.latitude,
            longitude: cp.longitude,
            radiusM: 50,
          })
        : null;
    await recordAudit(tx, {
      action: "checkpoint.scan",
      entityType: "tour_run",
      entityId: run.id,
      after: {
        checkpoint: cp.name,
        at: now.toISOString(),
        ...(near ? { distanceM: near.distanceM } : {}),
      },
    });
    await publish(tx, "shift", [here.id]);
    return {
      id: scan.id,
      checkpoint: cp.name,
      tour: cp.tourName,
      site: cp.siteName,
      timeZone: cp.timeZone,
      roundStartsAt: new Date(run.startsAt),
      distanceM: near?.distanceM ?? null,
    };
  });
}
