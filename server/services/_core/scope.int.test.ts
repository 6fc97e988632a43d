import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";

let t: TestTenant;
beforeAll(async () => {
  t = await createTestTenant("scope");
  const [hq, , store] = t.sites;
  if (!hq || !store) throw new Error("sites missing");
  await db.insert(schema.userScopes).values([
    { tenantId: t.tenant.id, userId: t.users.site_manager.id, siteId: store.id },
    { tenantId: t.tenant.id, userId: t.users.executive.id, clientId: t.clients.gold.id },
  ]);
});

describe("site and client scope", () => {
  it("narrows a site manager to their sites", async () => {
    const manager = callerFor(t.users.site_manager);
    const sites = await manager.site.list({});
    expect(sites.map((s) => s.name)).toEqual(["Bronze Store"]);
    await expect(manager.site.get({ id: t.sites[0]?.id ?? "" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("narrows an executive to their clients and those clients' sites", async () => {
    const exec = callerFor(t.users.executive);
    expect((await exec.client.list()).map((c) => c.name)).toEqual(["Gold Client"]);
    expect((await exec.site.list({})).map((s) => s.name).sort()).toEqual(["Gold Depot", "Gold HQ"]);
    await expect(exec.client.get({ id: t.clients.bronze.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("lets unscoped roles see the whole tenant", async () => {
    expect(await callerFor(t.users.noc_operator).site.list({})).toHaveLength(3);
  });

  it("shows a site manager without scope nothing, not everything", async () => {
    const other = await createTestTenant("scope2");
    expect(await callerFor(other.users.site_manager).site.list({})).toEqual([]);
  });
});
