import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { callerFor, createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { autoEscalateTenant } from "./escalate";
import { predictTenant, pruneTicketPredictions } from "./predict";
import { createTicket, riskFingerprint } from "./tickets";

let t: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("sla"), createTestTenant("sla-other")]);
  await db
    .insert(schema.groups)
    .values({ tenantId: t.tenant.id, name: "Helpdesk Supervisors" })
    .returning();
});

const goldSite = () => t.sites[0]?.id ?? "";
const bronzeSite = () => t.sites[2]?.id ?? "";

/** Opens a P1 (24x7, 4 h target) ticket, then moves its clock back so `usedMinutes` have passed. */
async function ticketAged(
  tenant: TestTenant,
  siteId: string,
  usedMinutes: number,
  priority: "P1" | "P2" | "P3" | "P4" = "P1",
) {
  const ctx = await ctxFor(tenant.users.supervisor);
  const { id } = await createTicket(ctx, {
    siteId,
    title: `aged ${usedMinutes}`,
    description: "",
    requester: "test",
    category: "facilities",
    priority,
  });
  const at = new Date(Date.now() - usedMinutes * 60_000);
  await db.update(schema.tickets).set({ createdAt: at }).where(eq(schema.tickets.id, id));
  await db
    .update(schema.ticketStatusChanges)
    .set({ at })
    .where(eq(schema.ticketStatusChanges.ticketId, id));
  return id;
}

/** Moves a ticket's history `minutes` further into the past. */
async function ageBy(id: string, minutes: number) {
  const shift = sql`${`${minutes} minutes`}::interval`;
  await db
    .update(schema.tickets)
    .set({ createdAt: sql`${schema.tickets.createdAt} - ${shift}` })
    .where(eq(schema.tickets.id, id));
  await db
    .update(schema.ticketStatusChanges)
    .set({ at: sql`${schema.ticketStatusChanges.at} - ${shift}` })
    .where(eq(schema.ticketStatusChanges.ticketId, id));
}

async function ticket(id: string) {
  const [row] = await db.select().from(schema.tickets).where(eq(schema.tickets.id, id));
  if (!row) throw new Error("no ticket");
  return row;
}

const riskAlerts = (ticketId: string) =>
  db
    .select()
    .from(schema.alerts)
    .where(
      and(
        eq(schema.alerts.tenantId, t.tenant.id),
        eq(schema.alerts.fingerprint, riskFingerprint(ticketId)),
      ),
    );

describe("SLA prediction run", () => {
  it("scores every open ticket of eligible clients: no cap, bronze left out", async () => {
    // 700 open tickets written directly (the run must not stop at the old system's 500)
    const gold = t.clients.gold.id;
    await db.insert(schema.tickets).values(
      Array.from({ length: 700 }, (_, i) => ({
        tenantId: t.tenant.id,
        clientId: gold,
        siteId: goldSite(),
        requester: "bulk",
        title: `bulk ${i}`,
        category: "it",
        priority: "P3" as const,
        createdAt: new Date(Date.now() - (i % 50) * 60_000),
      })),
    );
    const bronze = await ticketAged(t, bronzeSite(), 200);
    const r = await predictTenant(db, t.tenant.id);
    const [{ open = 0, unscored = 0 } = {}] = (await db.execute(sql`
      select count(*)::int as open, count(*) filter (where breach_probability is null)::int as unscored
      from tickets where tenant_id = ${t.tenant.id} and client_id = ${gold}
        and status in ('open', 'in_progress', 'pending_customer')`)) as unknown as {
      open: number;
      unscored: number;
    }[];
    expect(open).toBeGreaterThanOrEqual(700);
    expect(unscored).toBe(0);
    expect(r.scored).toBe(open);
    expect((await ticket(bronze)).breachProbability).toBeNull();
    const history = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.ticketPredictions)
      .where(eq(schema.ticketPredictions.tenantId, t.tenant.id));
    expect(history[0]?.n).toBeGreaterThanOrEqual(open);
  });

  it("raises one breach-risk alert per ticket however often it runs, updates it when the risk moves, and resolves it with the ticket", async () => {
    const id = await ticketAged(t, goldSite(), 110); // 110 of 240 minutes used, nobody assigned
    await predictTenant(db, t.tenant.id);
    const first = await ticket(id);
    expect(first.breachProbability).toBeGreaterThanOrEqual(0.7);
    expect(first.riskFactors?.[0]?.key).toBe("used");
    const [raised] = await riskAlerts(id);
    expect(raised).toMatchObject({ type: "SLA_BREACH_RISK", ticketId: id, source: "ticket" });
    // the alert names the ticket by number and title, and says why
    expect(raised?.title).toBe(
      `SLA breach risk ${Math.round((first.breachProbability ?? 0) * 100)}%: #${first.number} aged 110`,
    );
    expect(raised?.description).toMatch(/^Why 0\.\d\d: \d+% of the SLA used/);
    // the same risk again: still one alert, left as it was
    await predictTenant(db, t.tenant.id);
    expect(await riskAlerts(id)).toHaveLength(1);
    expect((await riskAlerts(id))[0]?.occurrenceCount).toBe(1);
    // the clock runs on: the one alert is updated (severity and title follow the risk)
    await ageBy(id, 115);
    await predictTenant(db, t.tenant.id);
    const alerts = await riskAlerts(id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.occurrenceCount).toBe(2);
    expect(alerts[0]?.severity).toBe("critical");
    expect(alerts[0]?.title).not.toBe(raised?.title);

    await callerFor(t.users.supervisor).ticket.setStatus({ id, status: "resolved" });
    const after = await riskAlerts(id);
    expect(after[0]).toMatchObject({ status: "resolved", resolution: "auto" });
  });

  it("resolves the alert when the risk falls under 0.5", async () => {
    const id = await ticketAged(t, goldSite(), 225);
    await predictTenant(db, t.tenant.id);
    expect((await riskAlerts(id))[0]?.status).not.toBe("resolved");
    // the customer replied at once: the ticket is young again (a fresh policy would do the same)
    await db.update(schema.tickets).set({ createdAt: new Date() }).where(eq(schema.tickets.id, id));
    await db
      .update(schema.ticketStatusChanges)
      .set({ at: new Date() })
      .where(eq(schema.ticketStatusChanges.ticketId, id));
    await db
      .update(schema.tickets)
      .set({ firstResponseAt: new Date() })
      .where(eq(schema.tickets.id, id));
    const r = await predictTenant(db, t.tenant.id);
    expect((await ticket(id)).breachProbability).toBeLessThan(0.5);
    expect(r.alertsResolved).toBeGreaterThanOrEqual(1);
    expect((await riskAlerts(id))[0]).toMatchObject({ status: "resolved", resolution: "auto" });
  });

  it("keeps 35 days of prediction history", async () => {
    const id = await ticketAged(t, goldSite(), 5);
    const old = new Date(Date.now() - 40 * 86_400_000);
    await db.insert(schema.ticketPredictions).values([
      { ticketId: id, tenantId: t.tenant.id, runAt: old, probability: 0.1, fractionUsed: 0.1 },
      {
        ticketId: id,
        tenantId: t.tenant.id,
        runAt: new Date(),
        probability: 0.2,
        fractionUsed: 0.2,
      },
    ]);
    expect(await pruneTicketPredictions(db)).toBeGreaterThanOrEqual(1);
    const left = await db
      .select()
      .from(schema.ticketPredictions)
      .where(eq(schema.ticketPredictions.ticketId, id));
    expect(left.map((r) => r.probability)).toEqual([0.2]);
  });

  it("never touches another tenant's tickets", async () => {
    const theirs = await ticketAged(other, other.sites[0]?.id ?? "", 230);
    await predictTenant(db, t.tenant.id);
    expect((await ticket(theirs)).breachProbability).toBeNull();
    const alerts = await db
      .select()
      .from(schema.alerts)
      .where(eq(schema.alerts.fingerprint, riskFingerprint(theirs)));
    expect(alerts).toHaveLength(0);
  });
});

describe("auto-escalation", () => {
  it("raises priority one level, once per level, even when two runs race", async () => {
    const id = await ticketAged(t, goldSite(), 4 * 60, "P2");
    await db
      .update(schema.tickets)
      .set({ breachProbability: 0.85 })
      .where(eq(schema.tickets.id, id));
    await Promise.all([autoEscalateTenant(db, t.tenant.id), autoEscalateTenant(db, t.tenant.id)]);
    const row = await ticket(id);
    expect(row).toMatchObject({ priority: "P1", escalationLevel: 1 });
    const escalations = await db
      .select()
      .from(schema.ticketEscalations)
      .where(eq(schema.ticketEscalations.ticketId, id));
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ level: 1, fromPriority: "P2", toPriority: "P1" });
    // P1 is the top: nothing more to raise
    await autoEscalateTenant(db, t.tenant.id);
    expect((await ticket(id)).escalationLevel).toBe(1);
    // the supervisors' group was told (in-app notifications for its members, if any) and it is audited
    const audit = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, id), eq(schema.auditLog.action, "ticket.escalate")));
    expect(audit).toHaveLength(1);
  });
});

describe("policies and access", () => {
  it("recomputes open tickets' due times when a policy changes, and audits it", async () => {
    const id = await ticketAged(t, goldSite(), 10, "P4");
    const before = await ticket(id);
    const admin = callerFor(t.users.admin);
    const r = await admin.slaPolicy.save({
      clientId: null,
      priority: "P4",
      responseMinutes: 60,
      resolutionMinutes: 60,
      calendar: "24x7",
      businessDays: [1, 2, 3, 4, 5],
      opensAt: "08:00",
      closesAt: "18:00",
    });
    expect(r.recomputed).toBeGreaterThanOrEqual(1);
    const after = await ticket(id);
    expect(after.resolutionDueAt?.getTime()).toBe(before.createdAt.getTime() + 60 * 60_000);
    const audit = await db
      .select()
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.tenantId, t.tenant.id),
          inArray(schema.auditLog.action, ["sla_policy.create", "sla_policy.update"]),
        ),
      );
    expect(audit.length).toBeGreaterThanOrEqual(1);
    await expect(
      admin.slaPolicy.save({
        clientId: null,
        priority: "P4",
        responseMinutes: 120,
        resolutionMinutes: 60,
        calendar: "24x7",
        businessDays: [],
        opensAt: "08:00",
        closesAt: "18:00",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      callerFor(t.users.supervisor).slaPolicy.save({
        clientId: null,
        priority: "P4",
        responseMinutes: 60,
        resolutionMinutes: 60,
        calendar: "24x7",
        businessDays: [],
        opensAt: "08:00",
        closesAt: "18:00",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("keeps tickets inside their tenant and role", async () => {
    const mine = await ticketAged(t, goldSite(), 5);
    await expect(callerFor(other.users.admin).ticket.get({ id: mine })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      callerFor(other.users.supervisor).ticket.setStatus({ id: mine, status: "resolved" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(t.users.executive).ticket.risk({})).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      callerFor(t.users.site_manager).ticket.setStatus({ id: mine, status: "resolved" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // the page's charts, for the whole tenant and for a scoped site manager
    const charts = await callerFor(t.users.supervisor).ticket.charts();
    expect(charts.daily).toHaveLength(30);
    expect(charts.distribution.reduce((n, b) => n + b.n, 0)).toBeGreaterThan(0);
    expect(charts.lastRun).not.toBeNull();
    const scoped = await callerFor(t.users.site_manager).ticket.charts();
    expect(scoped.daily).toHaveLength(30);
    const detail = await callerFor(t.users.supervisor).ticket.get({ id: mine });
    expect(detail.sla?.policy.source).toBeTruthy();
    expect(detail.sla?.resolution.spans.length).toBeGreaterThan(0);
  });

  it("scores comment sentiment and counts a staff comment as the first response", async () => {
    const id = await ticketAged(t, goldSite(), 5);
    const sup = callerFor(t.users.supervisor);
    const angry = await sup.ticket.comment({
      id,
      body: "This is terrible, still broken and nobody called. Very angry.",
      fromRequester: true,
    });
    expect(angry.sentiment).toBeLessThan(0);
    expect((await ticket(id)).firstResponseAt).toBeNull();
    await sup.ticket.comment({ id, body: "On it, engineer booked for 2pm.", fromRequester: false });
    const row = await ticket(id);
    expect(row.firstResponseAt).not.toBeNull();
    expect(row.recentSentiment).toBeLessThan(0);
  });
});
