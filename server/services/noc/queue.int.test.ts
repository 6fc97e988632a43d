import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import {
  alertRow,
  createTestGroup,
  createTestTenant,
  type TestTenant,
} from "@/server/test/factories";
import { openCountsByGroup, openCountsFor, queueTiming } from "./queue";

let t: TestTenant;
let group: string;

beforeAll(async () => {
  t = await createTestTenant("queue-stats");
  group = await createTestGroup(t, "Fire", [t.users.specialist]);
  const site = t.sites[0];
  if (!site) throw new Error("no site");
  const at = (expr: string) => sql.raw(expr);
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
    expect(await queueTiming(db, t.tenant.id, { all: true })).toEqual({
      mtta7d: 7, // (10 + 4) / 2
      mttaToday: 4,
      mttr7d: 30,
      mttrToday: null,
    });
    expect(await queueTiming(db, t.tenant.id, { all: false, groupIds: [group] })).toEqual({
      mtta7d: 4,
      mttaToday: 4,
      mttr7d: null,
      mttrToday: null,
    });
  });

  it("counts open, unsuppressed alerts by severity for each viewer", async () => {
    const counts = await openCountsByGroup(db, t.tenant.id);
    expect(openCountsFor({ all: true }, counts)).toEqual({ critical: 1, high: 1 });
    expect(openCountsFor({ all: false, groupIds: [group] }, counts)).toEqual({ critical: 1 });
    expect(openCountsFor({ all: false, groupIds: [] }, counts)).toEqual({});
  });
});
