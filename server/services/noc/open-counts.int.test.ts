import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import {
  alertRow,
  createTestGroup,
  createTestTenant,
  type TestTenant,
} from "@/server/test/factories";
import { forgetOpenCounts, OPEN_COUNTS_RESYNC_MS, openCountsAfter } from "./open-counts";
import { type OpenCount, openCountsByGroup, queueRowsByIds } from "./queue";

let t: TestTenant;
let group: string;
const T0 = new Date("2026-12-02T09:00:00Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);

beforeAll(async () => {
  t = await createTestTenant("open-counts");
  group = await createTestGroup(t, "Fire", []);
});

const sorted = (c: OpenCount[]) =>
  [...c].sort((a, b) => `${a.severity}${a.groupId}`.localeCompare(`${b.severity}${b.groupId}`));
/** What the live bus does with a batch of changed ids. */
const batch = async (ids: string[], now: Date) =>
  sorted(
    await openCountsAfter(db, t.tenant.id, ids, await queueRowsByIds(db, t.tenant.id, ids), now),
  );
const counted = async () => sorted(await openCountsByGroup(db, t.tenant.id));
const site = () => {
  const s = t.sites[0];
  if (!s) throw new Error("no site");
  return s;
};

describe("open counts kept from batch to batch", () => {
  it("follows new, moved, resolved, suppressed and deleted alerts as a fresh count would", async () => {
    const insert = (n: number, over: object = {}) =>
      db
        .insert(schema.alerts)
        .values(Array.from({ length: n }, () => alertRow(site(), over)))
        .returning({ id: schema.alerts.id })
        .then((rows) => rows.map((r) => r.id));
    await insert(3);
    expect(await batch([], at(0))).toEqual(await counted()); // the first batch counts them all
    const fresh = await insert(2, { severity: "critical" as const });
    expect(await batch(fresh, at(1))).toEqual(await counted());
    // the same batch again changes nothing
    expect(await batch(fresh, at(2))).toEqual(await counted());
    const [a = "", b = ""] = fresh;
    await db.update(schema.alerts).set({ assignedGroupId: group }).where(eq(schema.alerts.id, a));
    await db
      .update(schema.alerts)
      .set({ status: "resolved", resolvedAt: T0 })
      .where(eq(schema.alerts.id, b));
    expect(await batch([a, b], at(3))).toEqual(await counted());
    const [w] = await db
      .insert(schema.maintenanceWindows)
      .values({ tenantId: t.tenant.id, name: "w", startsAt: T0, endsAt: at(3600) })
      .returning();
    await db
      .update(schema.alerts)
      .set({ suppressedByWindowId: w?.id })
      .where(eq(schema.alerts.id, a));
    expect(await batch([a], at(4))).toEqual(await counted());
    const gone = await insert(1, { severity: "low" as const });
    expect(await batch(gone, at(5))).toEqual(await counted());
    await db.delete(schema.alerts).where(inArray(schema.alerts.id, gone));
    expect(await batch(gone, at(6))).toEqual(await counted());
  });

  it("is right again after a missed change: once told so, or after the resync interval", async () => {
    await batch([], at(10));
    // a change nobody announced
    await db.insert(schema.alerts).values(alertRow(site(), { severity: "medium" as const }));
    const truth = await counted();
    expect(await batch([], at(11))).not.toEqual(truth);
    forgetOpenCounts(t.tenant.id);
    expect(await batch([], at(12))).toEqual(truth);
    await db.insert(schema.alerts).values(alertRow(site(), { severity: "medium" as const }));
    expect(await batch([], at(13))).not.toEqual(await counted());
    expect(await batch([], at(12 + OPEN_COUNTS_RESYNC_MS / 1000))).toEqual(await counted());
  });
});
