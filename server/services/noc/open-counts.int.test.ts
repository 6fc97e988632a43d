import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestTenant } from "@/server/test/factories";
import { createTestAlert } from "@/server/test/playbooks";
import { forgetOpenCounts, openCountsAfter } from "./open-counts";
import { type OpenCount, openCountsByGroup, queueRowsByIds } from "./queue";

const { alerts } = schema;
const sorted = (c: OpenCount[]) =>
  [...c].sort((a, b) =>
    `${a.severity}${a.groupId ?? ""}`.localeCompare(`${b.severity}${b.groupId ?? ""}`),
  );

describe("open counts kept from the live batches", () => {
  it("equal a fresh count after creations, resolutions, regrouping and suppression", async () => {
    const t = await createTestTenant("open-counts");
    const tid = t.tenant.id;
    const batch = (ids: string[]) =>
      openCountsAfter(db, tid, ids, () => queueRowsByIds(db, tid, ids));
    const made = await Promise.all(
      (["low", "high", "high", "critical", "medium"] as const).map((severity) =>
        createTestAlert(t, { severity }),
      ),
    );
    const [a, b, c, d, e] = made.map((x) => x.id) as [string, string, string, string, string];
    forgetOpenCounts(tid);
    // the first batch reads the tenant's open alerts once
    expect(sorted((await batch([a])).counts)).toEqual(sorted(await openCountsByGroup(db, tid)));

    const [group] = await db
      .insert(schema.groups)
      .values({ tenantId: tid, name: "Counts group" })
      .returning();
    await db.update(alerts).set({ status: "resolved" }).where(eq(alerts.id, a));
    await db
      .update(alerts)
      .set({ assignedGroupId: group?.id, severity: "critical" })
      .where(eq(alerts.id, b));
    const [window] = await db
      .insert(schema.maintenanceWindows)
      .values({
        tenantId: tid,
        name: "w",
        startsAt: new Date(Date.now() - 60_000),
        endsAt: new Date(Date.now() + 60_000),
      })
      .returning();
    await db.update(alerts).set({ suppressedByWindowId: window?.id }).where(eq(alerts.id, c));
    const f = await createTestAlert(t, { severity: "low" });
    // a batch names what changed, a changed id twice is counted once
    const out = await batch([a, b, c, f.id, f.id]);
    expect(sorted(out.counts)).toEqual(sorted(await openCountsByGroup(db, tid)));
    expect(out.rows.map((r) => r.id).sort()).toEqual([a, b, c, f.id].sort());

    // the same changes read again change nothing; an alert gone from the table leaves the count
    expect(sorted((await batch([b, c])).counts)).toEqual(sorted(out.counts));
    await db.delete(alerts).where(inArray(alerts.id, [d, e]));
    expect(sorted((await batch([d, e])).counts)).toEqual(sorted(await openCountsByGroup(db, tid)));
  });
});
