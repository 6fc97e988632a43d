import type { APIRequestContext, BrowserContext } from "@playwright/test";
import { expect, signIn, test, trpcMutation, trpcQuery } from "../fixtures";

type ClientRow = { id: string; name: string; tier: string; active: boolean; updatedAt?: string };
type SiteRow = { id: string; name: string; clientId: string };
type UserRow = { id: string; email: string; name: string; role: string; active: boolean };

test.describe("tenant isolation", () => {
  let contexts: BrowserContext[] = [];
  let northwind: APIRequestContext;
  let bluefin: APIRequestContext;

  test.beforeEach(async ({ browser }) => {
    const nw = await browser.newContext();
    const bf = await browser.newContext();
    contexts = [nw, bf];
    await signIn(nw, "admin@northwind.test");
    await signIn(bf, "admin@bluefin.test");
    northwind = nw.request;
    bluefin = bf.request;
  });

  test.afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
  });

  test("a bluefin admin cannot read or change a northwind client", async () => {
    const list = await trpcQuery<ClientRow[]>(northwind, "client.list");
    expect(list.status).toBe(200);
    const target = list.data?.find((c) => c.name === "Acme Logistics");
    expect(target, "northwind has the seeded client Acme Logistics").toBeDefined();
    const id = target?.id ?? "";
    const before = await trpcQuery<ClientRow>(northwind, "client.get", { id });
    expect(before.data?.name).toBe("Acme Logistics");

    await test.step("client.get from bluefin is NOT_FOUND", async () => {
      const res = await trpcQuery(bluefin, "client.get", { id });
      expect(res.status).toBe(404);
      expect(res.error?.code).toBe("NOT_FOUND");
      expect(res.data).toBeUndefined();
    });

    await test.step("site.list from bluefin holds no northwind rows", async () => {
      const northwindSites = await trpcQuery<SiteRow[]>(northwind, "site.list", { clientId: id });
      expect(northwindSites.data?.length).toBeGreaterThan(0);
      const res = await trpcQuery<SiteRow[]>(bluefin, "site.list", { clientId: id });
      expect(res.error).toBeUndefined();
      expect(res.data).toEqual([]);
      const all = await trpcQuery<SiteRow[]>(bluefin, "site.list", {});
      const northwindIds = new Set(northwindSites.data?.map((s) => s.id));
      expect(all.data?.length).toBeGreaterThan(0);
      expect(all.data?.filter((s) => s.clientId === id || northwindIds.has(s.id))).toEqual([]);
      const site = await trpcQuery(bluefin, "site.get", { id: northwindSites.data?.[0]?.id });
      expect(site.error?.code).toBe("NOT_FOUND");
    });

    await test.step("client.list from bluefin holds no northwind clients", async () => {
      const res = await trpcQuery<ClientRow[]>(bluefin, "client.list");
      const northwindIds = new Set(list.data?.map((c) => c.id));
      expect(res.data?.length).toBeGreaterThan(0);
      expect(res.data?.filter((c) => northwindIds.has(c.id))).toEqual([]);
    });

    await test.step("client.update from bluefin is NOT_FOUND and changes nothing", async () => {
      const res = await trpcMutation(bluefin, "client.update", {
        id,
        name: "Taken over by Bluefin",
        tier: "none",
      });
      expect(res.status).toBe(404);
      expect(res.error?.code).toBe("NOT_FOUND");
      const after = await trpcQuery<ClientRow>(northwind, "client.get", { id });
      expect(after.data).toEqual(before.data);
    });
  });

  test("a bluefin admin cannot change a northwind user", async () => {
    const users = await trpcQuery<UserRow[]>(northwind, "user.list");
    const target = users.data?.find((u) => u.email === "operator@northwind.test");
    expect(target).toBeDefined();
    const res = await trpcMutation(bluefin, "user.update", {
      id: target?.id,
      role: "admin",
      active: false,
    });
    expect(res.error?.code).toBe("NOT_FOUND");
    const bluefinUsers = await trpcQuery<UserRow[]>(bluefin, "user.list");
    // staff only: Bluefin's guards (the shifts demo data) are its users too
    expect(
      bluefinUsers.data
        ?.filter((u) => u.role !== "guard")
        .map((u) => u.email)
        .sort(),
    ).toEqual(["admin@bluefin.test", "operator@bluefin.test"]);
    expect(bluefinUsers.data?.every((u) => u.email.endsWith("@bluefin.test"))).toBe(true);
    const after = await trpcQuery<UserRow[]>(northwind, "user.list");
    const unchanged = after.data?.find((u) => u.id === target?.id);
    expect(unchanged && { role: unchanged.role, active: unchanged.active }).toEqual({
      role: "noc_operator",
      active: true,
    });
  });

  test("the bluefin clients page shows only bluefin clients", async ({ page, loginAs }) => {
    await loginAs("admin@bluefin.test");
    await page.goto("/admin/clients");
    await expect(page.getByRole("heading", { name: "Portside Marina", level: 2 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Granite Offices", level: 2 })).toBeVisible();
    await expect(page.getByText("Acme Logistics")).toHaveCount(0);
    await expect(page.getByRole("banner")).toContainText("Bluefin Facilities");
  });
});
