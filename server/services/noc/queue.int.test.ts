import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { queueOrder } from "@/lib/live-queue";
import { NOT_IN_PLAN } from "@/lib/noc";
import {
  alertRow,
  createTestGroup,
  createTestTenant,
  ctxFor,
  type TestTenant,
} from "@/server/test/factories";
import { jobContext } from "../_core/system";
import { createAlert } from "./create-alert";
import { listQueue, openCountsByGroup, openCountsFor, queueTiming } from "./queue";
import { triageAlert } from "./triage";

const NOW = new Date("2026-03-10T15:00:00Z");
const DAY = 86_400_000;

let t: TestTenant;
let group: string;

beforeAll(async () => {
  t = await createTestTenant("queue-stats");
  group = await createTestGroup(t, "Fire", [t.users.specialist]);
  const site = t.sites[0];
  if (!site) throw new Error("no site");
  // the fixtures' times are SQL relative to NOW ("now" below), as the service reads them
  const at = (expr: string) =>
    sql.raw(expr.replaceAll("now()", `'${NOW.toISOString()}'::timestamptz`));
  const alert = (
    n: number,
    first: string,
    ack: string | null,
    resolved: string | null,
    extra: Partial<typeof schema.alerts.$inferInsert> = {},
  ) =>
    alertRow(site, {
      title: `stats ${n}`,
      status: resolved ? ("resolved" as const) : ack ? ("acknowledged" as const) : ("new" as const),
      firstSeenAt: at(first),
      acknowledgedAt: ack ? at(ack) : null,
      resolvedAt: resolved ? at(resolved) : null,
      ...extra,
    });
  const today = "date_trunc('day', now()) + interval '1 second'";
  await db.insert(schema.alerts).values([
    // two days ago: acknowledged after 10 min, resolved after 30
    alert(
      1,
      "now() - interval '2 days'",
      "now() - interval '2 days' + interval '10 minutes'",
      "now() - interval '2 days' + interval '30 minutes'",
    ),
    // today, the specialist's group: acknowledged after 4 min, still open
    alert(2, today, `${today} + interval '4 minutes'`, null, {
      assignedGroupId: group,
      severity: "critical",
    }),
    // eight days ago: outside the 7 days
    alert(
      3,
      "now() - interval '8 days'",
      "now() - interval '8 days' + interval '100 minutes'",
      "now() - interval '8 days' + interval '200 minutes'",
    ),
    // open and not acknowledged: counts, adds nothing to the means
    alert(4, "now() - interval '1 hour'", null, null),
    // suppressed by a maintenance window: not in the header's counts
    alert(5, "now() - interval '1 hour'", null, null, {
      suppressedByWindowId: t.tenant.id,
    }),
  ]);
});

describe("queue header", () => {
  it("means minutes to acknowledge and resolve over 7 days and today, per viewer", async () => {
    expect(await queueTiming(db, t.tenant.id, { all: true }, NOW)).toEqual({
      mtta7d: 7, // (10 + 4) / 2
      mttaToday: 4,
      mttr7d: 30,
      mttrToday: null,
      // no playbook ran: nothing resolved automatically, every resolution is "without"
      autoResolved7d: 0,
      mttr7dWithPlaybook: null,
      mttr7dWithoutPlaybook: 30,
    });
    expect(await queueTiming(db, t.tenant.id, { all: false, groupIds: [group] }, NOW)).toEqual({
      mtta7d: 4,
      mttaToday: 4,
      mttr7d: null,
      mttrToday: null,
      autoResolved7d: null, // a share of nothing resolved
      mttr7dWithPlaybook: null,
      mttr7dWithoutPlaybook: null,
    });
  });

  it("moves its windows with now: a day later nothing is today's, six days later the oldest is out", async () => {
    expect(
      await queueTiming(db, t.tenant.id, { all: true }, new Date(NOW.getTime() + DAY)),
    ).toEqual({
      mtta7d: 7,
      mttaToday: null,
      mttr7d: 30,
      mttrToday: null,
      autoResolved7d: 0,
      mttr7dWithPlaybook: null,
      mttr7dWithoutPlaybook: 30,
    });
    expect(
      await queueTiming(db, t.tenant.id, { all: true }, new Date(NOW.getTime() + 6 * DAY)),
    ).toEqual({
      mtta7d: 4,
      mttaToday: null,
      mttr7d: null,
      mttrToday: null,
      autoResolved7d: null, // a share of nothing resolved
      mttr7dWithPlaybook: null,
      mttr7dWithoutPlaybook: null,
    });
  });

  it("counts open, unsuppressed alerts by severity for each viewer", async () => {
    const counts = await openCountsByGroup(db, t.tenant.id);
    expect(openCountsFor({ all: true }, counts)).toEqual({ critical: 1, high: 1 });
    expect(openCountsFor({ all: false, groupIds: [group] }, counts)).toEqual({ critical: 1 });
    expect(openCountsFor({ all: false, groupIds: [] }, counts)).toEqual({});
  });
});

describe("queue order", () => {
  it("puts pending triage first, and alerts without AI triage on their plan by severity below scored criticals", async () => {
    const u = await createTestTenant("queue-order");
    await db
      .update(schema.clients)
      .set({ tier: "none" })
      .where(eq(schema.clients.id, u.clients.bronze.id));
    const [hq, depot, store] = u.sites; // gold, gold, the client without a plan
    if (!hq || !depot || !store) throw new Error("no sites");
    const now = new Date("2026-12-02T17:00:00Z");
    const ctx = jobContext(u.tenant.id, "test");
    const raise = async (
      title: string,
      siteId: string,
      severity: "critical" | "high" | "low",
      firstSeen: number,
    ) => {
      const { id } = await createAlert(
        ctx,
        {
          siteId,
          type: "INTRUSION",
          severity,
          title,
          fingerprint: title,
          description: "",
          source: "manual",
        },
        new Date(now.getTime() - firstSeen * 60_000),
      );
      return id;
    };
    const noPlanCritical = await raise("no plan, critical", store.id, "critical", 30);
    const noPlanLow = await raise("no plan, low", store.id, "low", 40);
    const scoredCritical = await raise("scored critical", hq.id, "critical", 10);
    const scoredLow = await raise("scored low", depot.id, "low", 50);
    const pending = await raise("pending", depot.id, "low", 5);
    for (const id of [noPlanCritical, noPlanLow, scoredCritical, scoredLow])
      await triageAlert(jobContext(u.tenant.id, "triage-alert"), { alertId: id }, now);

    const rows = await listQueue(await ctxFor(u.users.noc_operator), { limit: 50 }, new Date());
    expect(rows.map((r) => r.title)).toEqual([
      "pending",
      "scored critical", // intrusion 20 + critical 40 + site 5 + gold 5 = 70
      "no plan, critical", // ranks at critical's 40
      "scored low", // 6 + 20 + 5 + 5 + the pending one nearby 2 = 38
      "no plan, low", // ranks at low's 6
    ]);
    expect(rows.map((r) => [r.score, r.scoredBy])).toEqual([
      [null, null],
      [70, "heuristic"],
      [null, NOT_IN_PLAN],
      [38, "heuristic"],
      [null, NOT_IN_PLAN],
    ]);
    // the page patches its copy in the same order
    expect(
      [...rows]
        .reverse()
        .sort(queueOrder)
        .map((r) => r.id),
    ).toEqual(rows.map((r) => r.id));
    expect(pending).toBe(rows[0]?.id);
  });
});
