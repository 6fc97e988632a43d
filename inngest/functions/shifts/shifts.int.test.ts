import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runRequestedEvent } from "@/server/events/catalog";
import { db, schema } from "@/server/db";
import { createPost, createTemplate } from "@/server/services/shifts/roster";
import { createTestTenant, ctxFor } from "@/server/test/factories";
import { createShift } from "@/server/test/shift-factories";
import { buildShiftScheduleFn } from "./build-shift-schedule";
import { detectShiftFindingsFn } from "./detect-shift-findings";
import { rebuildSiteScheduleFn } from "./rebuild-site-schedule";

const NOW = new Date("2026-11-04T07:00:00Z"); // 02:00 in New York

async function rostered(label: string) {
  const t = await createTestTenant(label);
  const site = t.sites[1]; // Gold Depot, New York
  if (!site) throw new Error("no site");
  const ctx = await ctxFor(t.users.admin);
  const post = await createPost(ctx, { siteId: site.id, name: "Gate", description: "" });
  await createTemplate(ctx, {
    postId: post.id,
    name: "Days",
    days: [1, 2, 3, 4, 5, 6, 7],
    startTime: "08:00",
    endTime: "16:00",
    effectiveFrom: "2026-01-01",
  });
  const count = async () =>
    (await db.select().from(schema.shifts).where(eq(schema.shifts.siteId, site.id))).length;
  return { t, site, count };
}

describe("the shift functions", () => {
  it("the hourly build rebuilds the sites where it is 02:00, and again changes nothing", async () => {
    const { t, site, count } = await rostered("fn-build");
    const run = () =>
      new InngestTestEngine({
        function: buildShiftScheduleFn,
        events: [{ name: "inngest/scheduled.timer", data: { cron: "0 * * * *" } }],
        steps: [
          { id: "now", handler: () => NOW.toISOString() },
          // this tenant's site only: the query over every tenant is tested on its own
          { id: "sites-at-0200", handler: () => [{ tenantId: t.tenant.id, siteIds: [site.id] }] },
        ],
      }).execute();
    const first = await run();
    expect(first.error).toBeUndefined();
    expect(first.result).toMatchObject({ created: 14 });
    expect(await count()).toBe(14);
    expect((await run()).result).toMatchObject({ created: 0, updated: 0, cancelled: 0 });
  });

  it("a roster change rebuilds its site at once", async () => {
    const { t, site, count } = await rostered("fn-rebuild");
    const { result, error } = await new InngestTestEngine({
      function: rebuildSiteScheduleFn,
      events: [
        { name: "shifts/roster.changed", data: { tenantId: t.tenant.id, siteIds: [site.id] } },
      ],
      steps: [{ id: "now", handler: () => NOW.toISOString() }],
    }).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ created: 14 });
    expect(await count()).toBe(14);
  });

  it("the sweep stores findings and raises their alerts, tenant by tenant", async () => {
    const t = await createTestTenant("fn-detect");
    const site = t.sites[0];
    if (!site) throw new Error("no site");
    await createShift(site, {
      startsAt: new Date(NOW.getTime() - 3 * 3_600_000),
      guard: t.users.guard,
    });
    const run = () =>
      new InngestTestEngine({
        function: detectShiftFindingsFn,
        events: [{ name: runRequestedEvent("detect-shift-findings"), data: {} }],
        steps: [
          { id: "now", handler: () => NOW.toISOString() },
          { id: "list-tenants", handler: () => [t.tenant.id] },
        ],
      }).execute();
    const first = await run();
    expect(first.error).toBeUndefined();
    expect(first.result).toMatchObject({ findings: 1, alerts: 1 });
    expect((await run()).result).toMatchObject({ findings: 0, alerts: 0 });
  });
});
