import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { callerFor, createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { jobContext, platformContext } from "../_core/system";
import { recomputeClocks } from "./clock-store";
import { autoEscalateTenant } from "./escalate";
import { predictTenant, pruneTicketPredictions } from "./predict";
import { listRiskQueue } from "./queries";
import { getTicketDetail } from "./ticket-detail";
import { changeTicketStatus, createTicket, riskFingerprint } from "./tickets";
import { rawRows } from "@/server/db/raw";
import { OPEN_TICKET_STATUS_LIST } from "@/server/db/sql-literals";

/** the instant the services see: pinned, so no test depends on the hour it runs at */
const NOW = new Date("2026-11-04T15:00:00Z");

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
  const { id } = await createTicket(
    ctx,
    {
      siteId,
      title: `aged ${usedMinutes}`,
      description: "",
      requester: "test",
      category: "facilities",
      priority,
    },
    NOW,
  );
  const at = new Date(NOW.getTime() - usedMinutes * 60_000);
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
        createdAt: new Date(NOW.getTime() - (i % 50) * 60_000),
      })),
    );
    const bronze = await ticketAged(t, bronzeSite(), 200);
    const r = await predictTenant(jobContext(t.tenant.id, "predict-sla-breaches"), NOW);
    const [{ open = 0, unscored = 0 } = {}] = await rawRows<{
      open: number;
      unscored: number;
    }>(
      db,
      sql`
      select count(*)::int as open, count(*) filter (where breach_probability is null)::int as unscored
      from tickets where tenant_id = ${t.tenant.id} and client_id = ${gold}
        and status in ${OPEN_TICKET_STATUS_LIST}`,
    );
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
    await predictTenant(jobContext(t.tenant.id, "predict-sla-breaches"), NOW);
    const first = await ticket(id);
    expect(first.breachProbability).toBeGreaterThanOrEqual(0.7);
    expect(first.riskFactors?.[0]?.key).toBe("used");
    const [raised] = await riskAlerts(id);
    expect(raised).toMatchObject({ type: "SLA_BREACH_RISK", ticketId: id, source: "ticket" });
    // the alert names the ticket by number and title, and says why
    expect(raised?.title).toBe(
      `SLA breach risk ${Math.round((first.breachProbability ?? 0) * 100)}%: #${first.number} aged 110`,
    );
    // one "Why" in the alert's detail (its triage score's): the description states the facts
    expect(raised?.description).toMatch(
      /^Breach probability 0\.\d\d when predicted: \d+% of the SLA used/,
    );
    expect(raised?.description).not.toMatch(/Why/);
    // the same risk again: still one alert, left as it was
    await predictTenant(jobContext(t.tenant.id, "predict-sla-breaches"), NOW);
    expect(await riskAlerts(id)).toHaveLength(1);
    expect((await riskAlerts(id))[0]?.occurrenceCount).toBe(1);
    // the clock runs on: the one alert is updated (severity and title follow the risk)
    await ageBy(id, 115);
    await predictTenant(jobContext(t.tenant.id, "predict-sla-breaches"), NOW);
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
    await predictTenant(jobContext(t.tenant.id, "predict-sla-breaches"), NOW);
    expect((await riskAlerts(id))[0]?.status).not.toBe("resolved");
    // the customer replied at once: the ticket is young again (a fresh policy would do the same)
    await db.update(schema.tickets).set({ createdAt: NOW }).where(eq(schema.tickets.id, id));
    await db
      .update(schema.ticketStatusChanges)
      .set({ at: NOW })
      .where(eq(schema.ticketStatusChanges.ticketId, id));
    await db.update(schema.tickets).set({ firstResponseAt: NOW }).where(eq(schema.tickets.id, id));
    const r = await predictTenant(jobContext(t.tenant.id, "predict-sla-breaches"), NOW);
    expect((await ticket(id)).breachProbability).toBeLessThan(0.5);
    expect(r.alertsResolved).toBeGreaterThanOrEqual(1);
    expect((await riskAlerts(id))[0]).toMatchObject({ status: "resolved", resolution: "auto" });
  });

  it("keeps 35 days of prediction history", async () => {
    const id = await ticketAged(t, goldSite(), 5);
    const old = new Date(NOW.getTime() - 40 * 86_400_000);
    await db.insert(schema.ticketPredictions).values([
      { ticketId: id, tenantId: t.tenant.id, runAt: old, probability: 0.1, fractionUsed: 0.1 },
      {
        ticketId: id,
        tenantId: t.tenant.id,
        runAt: NOW,
        probability: 0.2,
        fractionUsed: 0.2,
      },
    ]);
    expect(
      await pruneTicketPredictions(platformContext("prune-job-history"), NOW),
    ).toBeGreaterThanOrEqual(1);
    const left = await db
      .select()
      .from(schema.ticketPredictions)
      .where(eq(schema.ticketPredictions.ticketId, id));
    expect(left.map((r) => r.probability)).toEqual([0.2]);
  });

  it("never touches another tenant's tickets", async () => {
    const theirs = await ticketAged(other, other.sites[0]?.id ?? "", 230);
    await predictTenant(jobContext(t.tenant.id, "predict-sla-breaches"), NOW);
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
    await Promise.all([
      autoEscalateTenant(jobContext(t.tenant.id, "escalate-sla-risks"), NOW),
      autoEscalateTenant(jobContext(t.tenant.id, "escalate-sla-risks"), NOW),
    ]);
    const row = await ticket(id);
    expect(row).toMatchObject({ priority: "P1", escalationLevel: 1 });
    const escalations = await db
      .select()
      .from(schema.ticketEscalations)
      .where(eq(schema.ticketEscalations.ticketId, id));
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ level: 1, fromPriority: "P2", toPriority: "P1" });
    // P1 is the top: nothing more to raise
    await autoEscalateTenant(jobContext(t.tenant.id, "escalate-sla-risks"), NOW);
    expect((await ticket(id)).escalationLevel).toBe(1);
    // the supervisors' group was told (in-app notifications for its members, if any) and it is audited
    const audit = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, id), eq(schema.auditLog.action, "ticket.escalate")));
    expect(audit).toHaveLength(1);
  });
});

describe("auto-escalation never breaches a ticket retroactively", () => {
  const raise = async (id: string) => {
    await db
      .update(schema.tickets)
      .set({ breachProbability: 0.85 })
      .where(eq(schema.tickets.id, id));
    await autoEscalateTenant(jobContext(t.tenant.id, "escalate-sla-risks"), NOW);
    return ticket(id);
  };

  it("#1188: 1 h 45 min left at P2 is still 1 h 45 min left after the raise to P1, and stays so", async () => {
    const id = await ticketAged(t, goldSite(), 375, "P2"); // 8 h target: 105 min left
    await predictTenant(jobContext(t.tenant.id, "predict-sla-breaches"), NOW);
    const before = await ticket(id);
    expect(before.resolutionDueAt).toEqual(new Date(NOW.getTime() + 105 * 60_000));
    const after = await raise(id);
    expect(after).toMatchObject({ priority: "P1", escalationLevel: 1, resolutionBreached: false });
    expect(after.resolutionDueAt).toEqual(before.resolutionDueAt);
    // the next prediction run and the page keep the rule
    const later = new Date(NOW.getTime() + 15 * 60_000);
    await predictTenant(jobContext(t.tenant.id, "predict-sla-breaches"), later);
    const scored = await ticket(id);
    expect(scored.resolutionDueAt).toEqual(before.resolutionDueAt);
    expect(scored.resolutionBreached).toBe(false);
    const ctx = await ctxFor(t.users.supervisor);
    const row = (await listRiskQueue(ctx, { limit: 500 }, later)).find((r) => r.id === id);
    expect(row).toMatchObject({ breached: false, dueAt: before.resolutionDueAt });
    const detail = await getTicketDetail(ctx, id, later);
    expect(detail.sla?.resolution.breached).toBe(false);
    expect(detail.sla?.basePriority).toBe("P2");
  });

  it("brings the due time forward to the new target counted from the raise", async () => {
    const id = await ticketAged(t, goldSite(), 30, "P2"); // 7 h 30 min left
    const after = await raise(id);
    expect(after.priority).toBe("P1");
    expect(after.resolutionDueAt).toEqual(new Date(NOW.getTime() + 240 * 60_000));
    expect(after.responseDueAt?.getTime()).toBeGreaterThan(NOW.getTime());
    // a status change recomputes the clock with the same rule
    const ctx = await ctxFor(t.users.supervisor);
    await changeTicketStatus(ctx, { id, status: "in_progress" }, new Date(NOW.getTime() + 60_000));
    expect((await ticket(id)).resolutionDueAt).toEqual(after.resolutionDueAt);
  });
});

describe("breached tickets are listed as breached, with current reasons", () => {
  it("a ticket past its due time since it was scored reads as breached, not '10 min left'", async () => {
    const id = await ticketAged(t, goldSite(), 230); // P1: 10 min left at NOW
    await predictTenant(jobContext(t.tenant.id, "predict-sla-breaches"), NOW);
    const scored = await ticket(id);
    expect(scored.riskFactors?.map((f) => f.label)).toContain("10 min left");
    const ctx = await ctxFor(t.users.supervisor);
    const later = new Date(NOW.getTime() + 12 * 60_000);
    const rows = await listRiskQueue(ctx, { limit: 500 }, later);
    const row = rows.find((r) => r.id === id);
    expect(row?.breached).toBe(true);
    const labels = row?.factors?.map((f) => f.label) ?? [];
    expect(labels).toContain("Past the resolution target");
    expect(labels.join(" ")).not.toMatch(/min left|98%/);
    expect(labels).toContain("101% of the SLA used");
    // breached ones come after every ticket still running
    const firstBreached = rows.findIndex((r) => r.breached);
    expect(rows.slice(firstBreached).every((r) => r.breached)).toBe(true);
    // before its due time the same ticket reads as running, with the time left now
    const earlier = await listRiskQueue(ctx, { limit: 500 }, new Date(NOW.getTime() + 4 * 60_000));
    const running = earlier.find((r) => r.id === id);
    expect(running?.breached).toBe(false);
    expect(running?.factors?.map((f) => f.label)).toContain("6 min left");
  });
});

describe("SLA header counts follow the viewer's scope", () => {
  it("a site manager's counts are those of their sites, matching their table", async () => {
    const s = await createTestTenant("sla-scope");
    const [hq, depot] = s.sites;
    if (!hq || !depot) throw new Error("no sites");
    await db
      .insert(schema.userScopes)
      .values({ tenantId: s.tenant.id, userId: s.users.site_manager.id, siteId: depot.id });
    const sup = await ctxFor(s.users.supervisor);
    // the callers read the clock at their edge: tickets are placed around the real time,
    // far enough from every due time for the outcome not to depend on when this runs
    const open = async (siteId: string, agedMinutes: number, p: number) => {
      const { id } = await createTicket(
        sup,
        {
          siteId,
          title: `scoped ${p}`,
          description: "",
          requester: "t",
          category: "it",
          priority: "P1",
        },
        new Date(),
      );
      const at = new Date(Date.now() - agedMinutes * 60_000);
      await db.update(schema.tickets).set({ createdAt: at }).where(eq(schema.tickets.id, id));
      await db
        .update(schema.ticketStatusChanges)
        .set({ at })
        .where(eq(schema.ticketStatusChanges.ticketId, id));
      await recomputeClocks(jobContext(s.tenant.id, "test"), [id], new Date());
      await db
        .update(schema.tickets)
        .set({ breachProbability: p })
        .where(eq(schema.tickets.id, id));
      return id;
    };
    for (let i = 0; i < 5; i++) await open(hq.id, 60, 0.8);
    await open(depot.id, 60, 0.9);
    await open(depot.id, 60, 0.2);
    await open(depot.id, 6 * 60, 1);
    await open(hq.id, 6 * 60, 1);

    const manager = callerFor(s.users.site_manager);
    const mine = await manager.ticket.summary();
    expect(mine.counts).toEqual({ open: 3, scored: 3, atRisk: 1, breached: 1 });
    const table = await manager.ticket.risk({});
    expect(table.filter((r) => !r.breached && (r.probability ?? 0) >= 0.7)).toHaveLength(1);
    expect(table.filter((r) => r.breached)).toHaveLength(1);
    const all = await callerFor(s.users.supervisor).ticket.summary();
    expect(all.counts).toEqual({ open: 9, scored: 9, atRisk: 6, breached: 2 });
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
    expect((await callerFor(t.users.supervisor).ticket.summary()).lastRun).not.toBeNull();
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
