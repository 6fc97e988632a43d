import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { closeDb, db, type Tx } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { rawRows } from "@/server/db/raw";
import { benchTenant } from "./shared";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const collect = () => (globalThis as { gc?: () => void }).gc?.();

class Rollback extends Error {}

/** Runs `fn` in a transaction that is rolled back: the data set is the same for the next run. */
async function rolledBack<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction(async (tx) => {
      result = await fn(tx);
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return result as T;
}

/**
 * Shifts speed (quality.md: materialise the 14-day schedule ≤ 10 s; detection over today's
 * shifts ≤ 2 s), on the --scale large share (10,000 guards, 140,000 shifts in 14 days), each
 * against a bare scan of the same rows in the same run:
 * - materialise from nothing: the 14 days' shifts deleted, then built again (inserting all of
 *   them), in a transaction rolled back after each of three runs; and the daily re-run over an
 *   unchanged roster (nothing to write). Scan: the 14 days' shifts, the columns it writes; and,
 *   since writing is most of it, a bare INSERT … SELECT of the same rows from a copy.
 * - detection over the shifts of the last day, with its findings, alerts and notifications, in
 *   rolled-back transactions. Scan: those shifts, the columns the rules read.
 */
export async function benchShifts() {
  const tenant = await benchTenant("--scale large --only shifts");
  const { materialiseSchedule } = await import("@/server/services/shifts/materialise");
  const { detectTenant } = await import("@/server/services/shifts/detect");
  const now = new Date();
  const at = sql`${now.toISOString()}::timestamptz`;
  const [counts] = await rawRows<{
    guards: number;
    ahead: number;
    today: number;
  }>(
    db,
    sql`
    select (select count(*) from users where tenant_id = ${tenant.id} and role = 'guard')::int as guards,
      count(*) filter (where starts_at > ${at})::int as ahead,
      count(*) filter (where starts_at <= ${at} and starts_at > ${at} - interval '1 day')::int as today
    from shifts where tenant_id = ${tenant.id}`,
  );
  console.log(
    `shifts: ${counts?.guards ?? 0} guards, ${counts?.ahead ?? 0} shifts ahead, ${counts?.today ?? 0} started in the last day${(counts?.ahead ?? 0) < 100_000 ? " (seed --scale large --only shifts for the quality.md figures)" : ""}`,
  );
  console.log(
    `shifts: load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} (2 cores shared)`,
  );

  const ahead = sql`from shifts where tenant_id = ${tenant.id} and starts_at > ${at}`;
  const scanAhead = async (tx: Tx | typeof db = db) => {
    const t0 = performance.now();
    const rows = await rawRows(
      tx,
      sql`select template_id, local_date, guard_id, post_id, starts_at, ends_at, status ${ahead}`,
    );
    return { ms: performance.now() - t0, rows: rows.length };
  };
  // site by site, as detection reads them (the (tenant, site, start) index)
  const today = sql`from sites st join shifts s on s.tenant_id = st.tenant_id and s.site_id = st.id
    where st.tenant_id = ${tenant.id} and s.starts_at > ${at} - interval '1 day' and s.starts_at <= ${at}`;
  const scanToday = async () => {
    const t0 = performance.now();
    const rows = await rawRows(
      db,
      sql`select s.id, s.client_id, s.site_id, s.starts_at, s.checked_in_at, s.status, s.excused_at ${today}`,
    );
    return { ms: performance.now() - t0, rows: rows.length };
  };

  // warm both paths (caches, plans)
  await scanAhead();
  await materialiseSchedule(jobContext(tenant.id, "bench", db), {}, now);

  const fresh: number[] = [];
  const freshScans: number[] = [];
  const inserts: number[] = [];
  const rerun: number[] = [];
  const rerunScans: number[] = [];
  let built = 0;
  for (let i = 0; i < 3; i++) {
    collect();
    const s = await scanAhead();
    rerunScans.push(s.ms);
    collect();
    let t0 = performance.now();
    await materialiseSchedule(jobContext(tenant.id, "bench", db), {}, now);
    rerun.push(performance.now() - t0);
    collect();
    // the same rows written by a bare INSERT … SELECT from a copy: what writing them costs here
    await rolledBack(async (tx) => {
      await tx.execute(sql`create temp table bench_copy on commit drop as
        select tenant_id, client_id, site_id, post_id, template_id, guard_id, local_date, starts_at, ends_at ${ahead}`);
      await tx.execute(sql`delete ${ahead}`);
      const t1 = performance.now();
      await tx.execute(sql`insert into shifts (tenant_id, client_id, site_id, post_id, template_id, guard_id, local_date, starts_at, ends_at)
        select * from bench_copy`);
      inserts.push(performance.now() - t1);
    });
    collect();
    await rolledBack(async (tx) => {
      const scanned = await scanAhead(tx);
      freshScans.push(scanned.ms);
      await tx.execute(sql`delete ${ahead}`);
      t0 = performance.now();
      const r = await materialiseSchedule(jobContext(tenant.id, "bench", tx), {}, now);
      fresh.push(performance.now() - t0);
      built = r.created;
    });
  }
  const scan = median(freshScans);
  console.log(
    `shifts: bare scan of the ${counts?.ahead ?? 0} shifts ahead (the columns materialisation writes): median ${scan.toFixed(0)} ms`,
  );
  console.log(
    `shifts: bare INSERT … SELECT of the same rows from a copy: median ${median(inserts).toFixed(0)} ms`,
  );
  console.log(
    `shifts: materialise from nothing (${built} shifts inserted): median ${median(fresh).toFixed(0)} ms = ${(median(fresh) / scan).toFixed(1)}× the scan, ${(median(fresh) / median(inserts)).toFixed(2)}× the bare insert`,
  );
  console.log(
    `shifts: materialise again, roster unchanged (nothing written): median ${median(rerun).toFixed(0)} ms = ${(median(rerun) / median(rerunScans)).toFixed(1)}× the scan`,
  );

  await scanToday();
  const detect: number[] = [];
  const detectScans: number[] = [];
  let found = { findings: 0, alerts: 0 };
  for (let i = 0; i < 3; i++) {
    collect();
    detectScans.push((await scanToday()).ms);
    collect();
    await rolledBack(async (tx) => {
      const t0 = performance.now();
      found = await detectTenant(jobContext(tenant.id, "bench", tx), now);
      detect.push(performance.now() - t0);
    });
  }
  const dscan = median(detectScans);
  console.log(
    `shifts: bare scan of the ${counts?.today ?? 0} shifts started in the last day: median ${dscan.toFixed(1)} ms`,
  );
  console.log(
    `shifts: detection over them (${found.findings} findings, ${found.alerts} NOC alerts raised): median ${median(detect).toFixed(0)} ms = ${(median(detect) / dscan).toFixed(1)}× the scan`,
  );
  await closeDb();
}
