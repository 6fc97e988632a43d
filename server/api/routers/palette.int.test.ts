import { beforeAll, describe, expect, it } from "vitest";
import { jobContext } from "@/server/services/_core/system";
import { createAlert } from "@/server/services/noc/create-alert";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";

let t: TestTenant;
let other: TestTenant;

async function newAlert(tenant: TestTenant, title: string, at: Date, severity = "high" as const) {
  const { id } = await createAlert(
    jobContext(tenant.tenant.id, "test"),
    {
      siteId: tenant.sites[0]?.id ?? "",
      type: "INTRUSION",
      severity,
      title,
      description: "",
      fingerprint: title,
      source: "manual",
    },
    at,
  );
  return id;
}

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("palette"), createTestTenant("palette-other")]);
});

describe("the command palette's searches", () => {
  it("find the tenant's open alerts by title or site, never another tenant's", async () => {
    const mine = await newAlert(t, "Palette gate forced", new Date());
    await newAlert(other, "Palette gate forced elsewhere", new Date());
    const op = callerFor(t.users.noc_operator);
    const byTitle = await op.alert.search({ q: "palette gate" });
    expect(byTitle.map((a) => a.id)).toEqual([mine]);
    expect(byTitle[0]).toMatchObject({ title: "Palette gate forced", siteName: "Gold HQ" });
    expect((await op.alert.search({ q: "Gold HQ" })).map((a) => a.id)).toContain(mine);
    // the other tenant's operator finds only their own
    const theirs = await callerFor(other.users.noc_operator).alert.search({ q: "palette gate" });
    expect(theirs.map((a) => a.title)).toEqual(["Palette gate forced elsewhere"]);
  });

  it("leave resolved alerts out and return at most the limit", async () => {
    const op = callerFor(t.users.noc_operator);
    const ids = await Promise.all(
      [1, 2, 3].map((i) => newAlert(t, `Palette limit ${i}`, new Date())),
    );
    expect(await op.alert.search({ q: "palette limit", limit: 2 })).toHaveLength(2);
    await op.alert.resolve({ ids: [ids[0] ?? ""], resolution: "manual" });
    const left = await op.alert.search({ q: "palette limit" });
    expect(left.map((a) => a.id).sort()).toEqual([ids[1], ids[2]].sort());
  });

  it("find sites by name or client in the tenant", async () => {
    const op = callerFor(t.users.noc_operator);
    expect((await op.site.search({ q: "depot" })).map((s) => s.name)).toEqual(["Gold Depot"]);
    expect((await op.site.search({ q: "gold client" })).map((s) => s.name).sort()).toEqual([
      "Gold Depot",
      "Gold HQ",
    ]);
    const theirs = await callerFor(other.users.noc_operator).site.search({ q: "depot" });
    expect(theirs.every((s) => !t.sites.some((mine) => mine.id === s.id))).toBe(true);
  });

  it("refuse roles without the capability", async () => {
    await expect(
      callerFor(t.users.site_manager).alert.search({ q: "palette" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(t.users.guard).alert.search({ q: "palette" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(callerFor(t.users.guard).site.search({ q: "gold" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("refuse an empty or oversized search", async () => {
    const op = callerFor(t.users.noc_operator);
    await expect(op.alert.search({ q: " " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(op.site.search({ q: "x".repeat(101) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(op.alert.search({ q: "x", limit: 50 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("the queue's overview filters", () => {
  it("list only escalated, or only overdue-to-acknowledge alerts", async () => {
    const op = callerFor(t.users.noc_operator);
    const now = Date.now();
    const late = await newAlert(t, "Filter overdue one", new Date(now - 60 * 60_000));
    const fresh = await newAlert(t, "Filter fresh one", new Date(now));
    const escalated = await newAlert(t, "Filter escalated one", new Date(now));
    await op.alert.escalate({ id: escalated });
    const overdue = await op.alert.list({ q: "Filter", overdue: true });
    expect(overdue.map((a) => a.id)).toEqual([late]);
    const esc = await op.alert.list({ q: "Filter", escalated: true });
    expect(esc.map((a) => a.id)).toEqual([escalated]);
    // acknowledged is no longer overdue to acknowledge
    await op.alert.acknowledge({ ids: [late] });
    expect(await op.alert.list({ q: "Filter", overdue: true })).toEqual([]);
    expect((await op.alert.list({ q: "Filter" })).map((a) => a.id)).toContain(fresh);
  });
});
