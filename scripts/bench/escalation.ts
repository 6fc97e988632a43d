import { eq, sql } from "drizzle-orm";
import { closeDb, db, schema } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import { forTenant, jobContext, platformContext } from "@/server/services/_core/system";

/**
 * The escalation pass after a fresh large data set's first SLA run (issue 20): the run raises
 * tens of thousands of breach-risk alerts; once triaged (here marked so in one statement, as
 * if the triage function had scored them below routing) they are all overdue half an hour
 * later, and the clocks escalate them. Then the 30-minute auto-escalation of risky tickets.
 * Everything the pass writes is undone at the end, so the bench can run again on the same data.
 * `ESCALATION_BENCH_CALLS=n` stops after n calls of the clocks (old code: 2,000 a call).
 */
export async function benchEscalation() {
  const [tenant] = await db
    .select({ id: schema.tenants.id })
    .from(schema.tenants)
    .where(eq(schema.tenants.slug, "northwind"));
  if (!tenant) throw new Error("no demo data: seed --scale large --only sla,noc first");
  const { predictTenant } = await import("@/server/services/sla/predict");
  const { runEscalationClocks } = await import("@/server/services/noc/escalation-clocks");
  const { autoEscalateTenant } = await import("@/server/services/sla/escalate");
  const t0 = new Date();
  const risk = async () =>
    (
      await rawRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from alerts where tenant_id = ${tenant.id}
          and type = 'SLA_BREACH_RISK' and status <> 'resolved'`,
      )
    )[0]?.n ?? 0;
  if ((await risk()) < 10_000) {
    const s = performance.now();
    const r = await predictTenant(jobContext(tenant.id, "predict-sla-breaches"), t0);
    console.log(
      `escalation: first SLA run: ${r.atRisk} at risk, ${Math.round(performance.now() - s)} ms`,
    );
  }
  console.log(`escalation: ${await risk()} open breach-risk alerts`);
  await db.execute(sql`update alerts set triaged_at = first_seen_at, score = 50
    where tenant_id = ${tenant.id} and status = 'new' and triaged_at is null`);
  // what the pass changes, kept to undo it
  await db.execute(sql`drop table if exists bench_escalation_saved`);
  await db.execute(sql`create table bench_escalation_saved as
    select id, escalated, escalated_at, escalation_target from alerts where status <> 'resolved'`);
  const [mark] = await rawRows<{ audit: number }>(
    db,
    sql`select coalesce(max(id), 0)::bigint::float8 as audit from audit_log`,
  );
  const ticketsSaved = sql`bench_escalation_tickets`;
  await db.execute(sql`drop table if exists ${ticketsSaved}`);
  await db.execute(sql`create table ${ticketsSaved} as select id, priority, escalation_level,
    response_due_at, resolution_due_at, response_breached, resolution_breached
    from tickets where status not in ('resolved', 'closed') and breach_probability >= 0.8`);
  const started = new Date();
  const later = new Date(t0.getTime() + 30 * 60_000);
  const platform = platformContext("escalation-clocks");
  const maxCalls = Number(process.env.ESCALATION_BENCH_CALLS ?? 1_000);
  let calls = 0;
  let escalated = 0;
  const s = performance.now();
  for (; calls < maxCalls;) {
    const r = await runEscalationClocks(platform, later);
    calls++;
    escalated += r.escalated;
    if (!r.escalated) break;
  }
  const ms = performance.now() - s;
  console.log(
    `escalation: clocks: ${escalated} escalations in ${calls} call(s), ${Math.round(ms)} ms = ${(ms / Math.max(escalated, 1)).toFixed(2)} ms each`,
  );
  const s2 = performance.now();
  const tr = await autoEscalateTenant(forTenant(platform, tenant.id), later);
  const ms2 = performance.now() - s2;
  console.log(
    `escalation: tickets: ${tr.escalated} of ${tr.checked} raised, ${Math.round(ms2)} ms = ${(ms2 / Math.max(tr.escalated, 1)).toFixed(2)} ms each`,
  );
  // undo
  await db.execute(
    sql`delete from alert_escalations where created_at >= ${started.toISOString()}::timestamptz`,
  );
  await db.execute(sql`update alerts a set escalated = s.escalated, escalated_at = s.escalated_at,
    escalation_target = s.escalation_target from bench_escalation_saved s where s.id = a.id`);
  await db.execute(
    sql`delete from ticket_escalations where at = ${later.toISOString()}::timestamptz`,
  );
  await db.execute(sql`update tickets t set priority = s.priority, escalation_level = s.escalation_level,
    response_due_at = s.response_due_at, resolution_due_at = s.resolution_due_at,
    response_breached = s.response_breached, resolution_breached = s.resolution_breached
    from ${ticketsSaved} s where s.id = t.id`);
  await db.execute(sql`delete from audit_log where id > ${mark?.audit ?? 0}`);
  await db.execute(
    sql`delete from notifications where created_at >= ${started.toISOString()}::timestamptz`,
  );
  await db.execute(
    sql`delete from notification_keys where created_at >= ${started.toISOString()}::timestamptz`,
  );
  await db.execute(sql`drop table bench_escalation_saved`);
  await db.execute(sql`drop table ${ticketsSaved}`);
  await closeDb();
}
