import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { runRequestedEvent } from "@/server/events/catalog";
import { events } from "@/server/events/schemas";
import { platformContext } from "@/server/services/_core/system";
import { dueScorecards } from "@/server/services/scorecards/schedule";
import { createTestTenant } from "@/server/test/factories";
import { generateScorecardFn } from "./generate-scorecard";
import { monthlyScorecardsFn } from "./monthly-scorecards";

describe("the monthly scorecard run", () => {
  it("on the 1st at 03:00 in the tenant's zone, requests last month for each active client", async () => {
    const t = await createTestTenant("scorecard-job");
    await db
      .update(schema.clients)
      .set({ createdAt: new Date("2026-01-01T00:00:00Z") })
      .where(eq(schema.clients.tenantId, t.tenant.id));
    await db
      .update(schema.clients)
      .set({ active: false })
      .where(eq(schema.clients.id, t.clients.bronze.id));
    // the tenant's sites are mostly in Chicago: 03:00 CST on 1 December is 09:00 UTC
    const at = new Date("2026-12-01T09:10:00Z");
    const mine = (await dueScorecards(platformContext("monthly-scorecards"), at)).filter(
      (d) => d.tenantId === t.tenant.id,
    );
    expect(mine).toEqual([
      { tenantId: t.tenant.id, clientId: t.clients.gold.id, month: "2026-11" },
    ]);
    const early = await dueScorecards(
      platformContext("monthly-scorecards"),
      new Date("2026-12-01T03:10:00Z"),
    );
    expect(early.filter((d) => d.tenantId === t.tenant.id)).toEqual([]);

    const { result, error, ctx } = await new InngestTestEngine({
      function: monthlyScorecardsFn,
      events: [{ name: runRequestedEvent("monthly-scorecards"), data: {} }],
      steps: [
        { id: "now", handler: () => at.toISOString() },
        { id: "find-due", handler: () => mine },
        // no Inngest here to send to: the send is recorded, not made
        { id: "request-0", handler: () => ({ ids: [] }) },
      ],
    }).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ requested: 1 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("request-0", [
      {
        id: `scorecard-${t.clients.gold.id}-2026-11`,
        name: events.scorecardRequested.name,
        data: { ...mine[0], email: true },
      },
    ]);

    // a fresh engine each time: one engine replays its recorded steps
    const engine = () =>
      new InngestTestEngine({
        function: generateScorecardFn,
        events: [
          {
            name: events.scorecardRequested.name,
            data: { tenantId: t.tenant.id, clientId: t.clients.gold.id, month: "2026-11" },
          },
        ],
        steps: [{ id: "now", handler: () => at.toISOString() }],
      });
    const first = await engine().execute();
    expect(first.result).toMatchObject({ created: true, version: 1 });
    const again = await engine().execute();
    expect(again.result).toMatchObject({ created: false, version: 1 });
  });
});
