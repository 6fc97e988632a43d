import { beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_JOB } from "@/lib/audit";
import { callerFor, createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { jobContext } from "../_core/system";
import { recordAudit } from "./record";
import { searchAudit } from "./search";

let t: TestTenant;
let other: TestTenant;
const site = () => t.sites[0]?.id ?? "";

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("audit"), createTestTenant("audit-x")]);
  const admin = await ctxFor(t.users.admin);
  await recordAudit(admin, {
    action: "site.update",
    entityType: "site",
    entityId: site(),
    before: { name: "Old name", active: true },
    after: { name: "New name", active: false },
  });
  await recordAudit(jobContext(t.tenant.id, SIMULATOR_JOB), {
    action: "ticket.status",
    entityType: "ticket",
    entityId: "00000000-0000-4000-8000-000000000001",
    after: { status: "in_progress" },
  });
  await recordAudit(jobContext(t.tenant.id, "sla-predict"), {
    action: "ticket.escalate",
    entityType: "ticket",
    entityId: "00000000-0000-4000-8000-000000000002",
    after: { priority: "P1" },
  });
  await recordAudit(await ctxFor(other.users.admin), {
    action: "site.update",
    entityType: "site",
    entityId: other.sites[0]?.id ?? "",
    after: { name: "Theirs" },
  });
});

const actions = async (f: Parameters<typeof searchAudit>[1]) =>
  (await searchAudit(await ctxFor(t.users.admin), f)).items.map((r) => r.action);

describe("audit search", () => {
  it("names what a row is about, with a link, from this tenant only", async () => {
    const { items } = await searchAudit(await ctxFor(t.users.admin), { limit: 50 });
    const row = items.find((r) => r.action === "site.update");
    expect(row).toMatchObject({ entityName: expect.any(String), entityHref: "/admin/clients" });
    expect(items.some((r) => JSON.stringify(r.after).includes("Theirs"))).toBe(false);
  });
  it("filters by person, kind of actor, entity type, action, period and text", async () => {
    expect(await actions({ limit: 50, actor: t.users.admin.id })).toEqual(["site.update"]);
    expect(await actions({ limit: 50, actor: "kind:system" })).toEqual([
      "ticket.escalate",
      "ticket.status",
    ]);
    expect(await actions({ limit: 50, entityType: "ticket", action: "ticket.escalate" })).toEqual([
      "ticket.escalate",
    ]);
    expect(await actions({ limit: 50, q: "new NAME" })).toEqual(["site.update"]);
    expect(await actions({ limit: 50, q: "100%_" })).toEqual([]);
    expect(await actions({ limit: 50, from: new Date(Date.now() + 3_600_000) })).toEqual([]);
  });
  it("hides the demo simulator's rows on request", async () => {
    expect(await actions({ limit: 50, hideSimulator: true })).toEqual([
      "ticket.escalate",
      "site.update",
    ]);
  });
  it("is for those who may read the log: an operator is refused, another tenant sees none of it", async () => {
    await expect(callerFor(t.users.noc_operator).audit.search({})).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const theirs = await callerFor(other.users.admin).audit.search({});
    expect(theirs.items.map((r) => r.tenantId)).toEqual([other.tenant.id]);
    const sup = await callerFor(t.users.supervisor).audit.search({ entityType: "ticket" });
    expect(sup.items).toHaveLength(2);
    await expect(
      callerFor(t.users.admin).audit.search({ entityType: "nope" as "ticket" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
