import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runRequestedEvent } from "@/server/events/catalog";
import { db, schema } from "@/server/db";
import { createTicket } from "@/server/services/sla/tickets";
import { createTestTenant, ctxFor } from "@/server/test/factories";
import { escalateSlaRisksFn } from "./escalate-sla-risks";

/** the run's instant, as its memoised "now" step would have recorded it */
const NOW = new Date("2026-11-04T15:00:00Z");

describe("the auto-escalation job", () => {
  it("raises #1188-like tickets without breaching them: 1 h 45 min left at P2 stays so at P1", async () => {
    const t = await createTestTenant("sla-escalate-job");
    const ctx = await ctxFor(t.users.supervisor);
    const { id } = await createTicket(
      ctx,
      {
        siteId: t.sites[0]?.id ?? "",
        title: "Card reader offline",
        description: "",
        requester: "front desk",
        category: "access",
        priority: "P2",
      },
      new Date(NOW.getTime() - 375 * 60_000),
    );
    const due = new Date(NOW.getTime() + 105 * 60_000);
    const [before] = await db.select().from(schema.tickets).where(eq(schema.tickets.id, id));
    expect(before?.resolutionDueAt).toEqual(due);
    await db
      .update(schema.tickets)
      .set({ breachProbability: 0.86 })
      .where(eq(schema.tickets.id, id));

    const { result, error } = await new InngestTestEngine({
      function: escalateSlaRisksFn,
      events: [{ name: runRequestedEvent("escalate-sla-risks"), data: {} }],
      steps: [
        { id: "now", handler: () => NOW.toISOString() },
        // this tenant only: the job's loop over every tenant is not what is tested here
        { id: "list-tenants", handler: () => [t.tenant.id] },
      ],
    }).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ escalated: 1 });

    const [after] = await db.select().from(schema.tickets).where(eq(schema.tickets.id, id));
    expect(after).toMatchObject({ priority: "P1", escalationLevel: 1, resolutionBreached: false });
    expect(after?.resolutionDueAt).toEqual(due);
    const [raise] = await db
      .select()
      .from(schema.ticketEscalations)
      .where(eq(schema.ticketEscalations.ticketId, id));
    expect(raise).toMatchObject({ fromPriority: "P2", toPriority: "P1", at: NOW });
  });
});
