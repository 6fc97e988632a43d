import { and, eq } from "drizzle-orm";
import { db, schema } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { benchTenant, pct } from "./shared";

/**
 * Scorecards speed (issue 16): last month's scorecards for every client of the tenant from
 * scratch (bar ≤ 60 s for the 200 clients of --scale large), and one PDF (bar ≤ 1 s).
 * Deletes that month's stored scorecards first: run it on benchmark data only.
 */
export async function benchScorecards() {
  const tenant = await benchTenant(
    "--scale large",
    " (every part: a scorecard reads every module)",
  );
  const { generateMonthForTenant } = await import("@/server/services/scorecards/generate");
  const { pastMonths, scorecardPdfInput } = await import("@/server/services/scorecards/queries");
  const { renderScorecardPdf } = await import("@/server/services/scorecards/pdf");
  const now = new Date();
  const month = pastMonths(now, 1)[0] ?? "";
  await db
    .delete(schema.scorecards)
    .where(
      and(eq(schema.scorecards.tenantId, tenant.id), eq(schema.scorecards.month, `${month}-01`)),
    );
  const ctx = jobContext(tenant.id, "bench", db);
  const t0 = performance.now();
  const r = await generateMonthForTenant(ctx, month, now);
  const ms = performance.now() - t0;
  console.log(
    `scorecards: ${month} for ${r.created} clients in ${(ms / 1000).toFixed(1)} s (bar 60 s)`,
  );
  const [card] = await db
    .select({ clientId: schema.scorecards.clientId })
    .from(schema.scorecards)
    .where(
      and(eq(schema.scorecards.tenantId, tenant.id), eq(schema.scorecards.month, `${month}-01`)),
    )
    .limit(1);
  if (!card) return;
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const input = await scorecardPdfInput(ctx, { clientId: card.clientId, month });
    await renderScorecardPdf(input, "A4");
    times.push(performance.now() - t1);
    const used = process.cpuUsage(c1);
    cpu.push((used.user + used.system) / 1000);
  }
  console.log(
    `scorecards: one PDF (data + render): first ${times[0]?.toFixed(0)} ms (fonts load), p50 ${pct(times.slice(1), 50).toFixed(0)} ms, max ${Math.max(...times.slice(1)).toFixed(0)} ms (bar 1 s)`,
  );
  // on a shared machine the wall time mostly measures the queue for a core; the process's own
  // CPU time is what the PDF costs
  console.log(
    `scorecards: one PDF, this process's CPU time: p50 ${pct(cpu.slice(1), 50).toFixed(0)} ms, max ${Math.max(...cpu.slice(1)).toFixed(0)} ms (load average ${(await import("node:os")).loadavg()[0]?.toFixed(1)})`,
  );
}
