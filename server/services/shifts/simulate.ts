import "server-only";
import { sql } from "drizzle-orm";
import type { ServiceCtx } from "../_core/context";
import type { JobCtx } from "../_core/system";
import { recordAttendance } from "./attendance";
import type { Fix } from "./geofence";
import { scanCheckpoint } from "./guard-tours";
import { rawRows } from "@/server/db/raw";

/** The demo guard's own shifts are left to whoever signs in as them. */
const LEFT_TO_THE_USER = "guard@northwind.test";

type Due = {
  id: string;
  guardId: string;
  guardName: string;
  latitude: number;
  longitude: number;
  radiusM: number;
};

function fixAround(site: Due, roll: number): Fix {
  // mostly a good fix on site; now and then a poor one at the fence, or one a street away
  const metres =
    roll < 0.85 ? Math.random() * site.radiusM * 0.5 : roll < 0.95 ? site.radiusM : 800;
  const accuracyM = roll < 0.85 ? 8 + Math.random() * 20 : roll < 0.95 ? 120 : 25;
  const d = metres / 111_195;
  return { latitude: site.latitude + d, longitude: site.longitude, accuracyM };
}

/**
 * One tick of the shifts side of the demo simulator, so the board moves: a guard whose shift
 * starts about now checks in (mostly on site, sometimes late or at the fence), one whose shift
 * has ended checks out, or the guard on duty scans the next checkpoint of an open round.
 */
export async function simulateShiftTick(ctx: JobCtx, now: Date): Promise<string> {
  const { db, tenantId } = ctx;
  const at = sql`${now.toISOString()}::timestamptz`;
  const [arriving] = await rawRows<Due>(
    db,
    sql`
    select sh.id, sh.guard_id as "guardId", u.name as "guardName", s.latitude, s.longitude, s.geofence_radius_m as "radiusM"
    from shifts sh join users u on u.id = sh.guard_id join sites s on s.id = sh.site_id
    where sh.tenant_id = ${tenantId} and sh.status = 'scheduled' and sh.excused_at is null
      and sh.checked_in_at is null and u.email <> ${LEFT_TO_THE_USER}
      and sh.starts_at between ${at} - interval '40 minutes' and ${at} + interval '25 minutes'
    order by random() limit 1`,
  );
  if (arriving) {
    const r = await recordAttendance(
      ctx,
      {
        shiftId: arriving.id,
        kind: "check_in",
        method: "app",
        at: now,
        position: fixAround(arriving, Math.random()),
      },
      now,
    );
    return `${arriving.guardName} checked in (${r.verdict})`;
  }
  const [leaving] = await rawRows<Due>(
    db,
    sql`
    select sh.id, sh.guard_id as "guardId", u.name as "guardName", s.latitude, s.longitude, s.geofence_radius_m as "radiusM"
    from shifts sh join users u on u.id = sh.guard_id join sites s on s.id = sh.site_id
    where sh.tenant_id = ${tenantId} and sh.checked_in_at is not null and sh.checked_out_at is null
      and u.email <> ${LEFT_TO_THE_USER} and sh.ends_at between ${at} - interval '30 minutes' and ${at} + interval '5 minutes'
    order by random() limit 1`,
  );
  if (leaving) {
    await recordAttendance(
      ctx,
      {
        shiftId: leaving.id,
        kind: "check_out",
        method: "app",
        at: now,
        position: fixAround(leaving, 0),
      },
      now,
    );
    return `${leaving.guardName} checked out`;
  }
  const [scan] = await rawRows<{
    token: string;
    guardId: string;
    name: string;
    email: string;
  }>(
    db,
    sql`
    select c.token, u.id as "guardId", u.name, u.email
    from tour_runs r
    join tour_checkpoints c on c.tour_id = r.tour_id and c.active
    join shifts sh on sh.site_id = r.site_id and sh.status = 'scheduled' and sh.checked_in_at is not null
      and sh.checked_out_at is null and sh.starts_at <= ${at} and sh.ends_at > ${at}
    join users u on u.id = sh.guard_id and u.email <> ${LEFT_TO_THE_USER}
    where r.tenant_id = ${tenantId} and not r.cancelled and r.starts_at <= ${at}
      and r.starts_at + make_interval(mins => c.tolerance_minutes) > ${at}
      and not exists (select 1 from checkpoint_scans x where x.tour_run_id = r.id and x.checkpoint_id = c.id)
    order by r.starts_at, c.seq limit 1`,
  );
  if (scan) {
    const guard: ServiceCtx = {
      tenantId,
      db,
      actor: {
        type: "user",
        userId: scan.guardId,
        role: "guard",
        name: scan.name,
        email: scan.email,
        scope: { all: false, siteIds: [], clientIds: [], visibleClientIds: [] },
      },
    };
    const r = await scanCheckpoint(guard, { token: scan.token }, now);
    return `${scan.name} scanned ${r.checkpoint}`;
  }
  return "no shift changes due";
}
