import { sql } from "drizzle-orm";
import { closeDb, db } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { rawRows } from "@/server/db/raw";
import { OPEN_TICKET_STATUS_LIST } from "@/server/db/sql-literals";
import { benchTenant } from "./shared";

/**
 * SLA speed (quality.md): one prediction run over the --scale large tickets, against a bare
 * scan of the same open tickets (same rows, same columns, fetched the same way) in this run.
 */
export async function benchSla() {
  const tenant = await benchTenant("--scale large --only sla");
  const [counts] = await rawRows<{ open: number; closed: number }>(
    db,
    sql`
    select count(*) filter (where status in ${OPEN_TICKET_STATUS_LIST})::int as open,
      count(*) filter (where status not in ${OPEN_TICKET_STATUS_LIST})::int as closed
    from tickets where tenant_id = ${tenant.id}`,
  );
  console.log(
    `sla: ${counts?.open ?? 0} open and ${counts?.closed ?? 0} closed tickets${(counts?.open ?? 0) < 100_000 ? " (seed --scale large --only sla for the quality.md figures)" : ""}`,
  );
  const { predictTenant, eligibleClientIds } = await import("@/server/services/sla/predict");
  const { OPEN_TICKET_COLUMNS, openTicketsOf } =
    await import("@/server/services/sla/predict-write");
  // the scheduled run's context for the tenant
  const ctx = jobContext(tenant.id, "predict-sla-breaches");
  const clientIds = await eligibleClientIds(ctx);
  // the run's own read of every open ticket (the same rows and ticket columns), and nothing else
  const scan = async () => {
    const t0 = performance.now();
    const rows = await rawRows(
      db,
      sql`select ${OPEN_TICKET_COLUMNS} ${openTicketsOf(tenant.id, clientIds)}`,
    );
    return { ms: performance.now() - t0, rows: rows.length };
  };
  // runs 15 minutes apart, as the schedule has them: the clocks move between runs
  const start = Date.now();
  const at = (i: number) => new Date(start + i * 15 * 60_000);
  const count = async () => {
    const t0 = performance.now();
    await db.execute(sql`select count(*) ${openTicketsOf(tenant.id, clientIds)}`);
    return performance.now() - t0;
  };
  // warm both paths once (caches, JIT), then measure each three times and take the median
  await scan();
  await predictTenant(ctx, at(0));
  const scans: number[] = [];
  const countMs: number[] = [];
  const runs: { ms: number; scored: number; atRisk: number; scoredBy: string }[] = [];
  let scanned = 0;
  // each measurement starts on a collected heap, so none pays for the garbage of the one
  // before it (`npm run bench` runs node with --expose-gc)
  const collect = () => (globalThis as { gc?: () => void }).gc?.();
  for (let i = 0; i < 3; i++) {
    collect();
    const s = await scan();
    scans.push(s.ms);
    scanned = s.rows;
    collect();
    countMs.push(await count());
    collect();
    const t0 = performance.now();
    const r = await predictTenant(ctx, at(i + 1));
    runs.push({
      ms: performance.now() - t0,
      scored: r.scored,
      atRisk: r.atRisk,
      scoredBy: r.scoredBy,
    });
    console.log(
      `sla: run ${i + 1} at +${(i + 1) * 15} min: ${r.rewritten} tickets rewritten, phases ${JSON.stringify(r.phases)}`,
    );
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const run = median(runs.map((r) => r.ms));
  const bare = median(scans);
  const last = runs.at(-1);
  console.log(
    `sla: bare scan of ${scanned} eligible open tickets (the rows and ticket columns the run reads, in the run's own query): median ${bare.toFixed(0)} ms; count(*) of them: median ${median(countMs).toFixed(0)} ms`,
  );
  console.log(
    `sla: prediction run (${last?.scored ?? 0} scored, ${last?.atRisk ?? 0} at risk, ${last?.scoredBy ?? ""}): median ${run.toFixed(0)} ms = ${(run / bare).toFixed(2)}× the scan, ${(run / median(countMs)).toFixed(1)}× the count(*)`,
  );
  await closeDb();
}
