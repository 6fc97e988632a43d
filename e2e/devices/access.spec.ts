import { expect, test } from "../fixtures";
import { siteNamed } from "./helpers";

test.describe("who sees the device pages, and on which plans", () => {
  test("an executive has no Devices entry and gets the 403 page", async ({ page, loginAs }) => {
    await loginAs("executive@northwind.test");
    await page.goto("/scorecards");
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Scorecards" }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Devices", exact: true })).toHaveCount(0);
    for (const path of ["/devices", "/devices/3f1c2a4e-0000-4000-8000-000000000000"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(
        page.getByRole("heading", { name: "Your role cannot open this page" }),
      ).toBeVisible();
    }
  });

  test("a site manager sees only their sites' devices", async ({ page, loginAs }) => {
    await loginAs("manager@northwind.test");
    await page.goto("/devices");
    const sites = page.getByRole("table", { name: "Sites" });
    await expect(sites.getByRole("button", { name: "Show Acme Chicago Hub only" })).toBeVisible();
    await expect(sites).not.toContainText("Summit");
    await expect(sites).not.toContainText("Harbor");
    // Meridian (bronze) is the manager's too: named, locked, not listed
    await expect(
      page.getByRole("note", { name: /^Device health monitoring is locked/ }),
    ).toContainText("Meridian Retail (Bronze)");
  });

  test("a silver client's replacement list and a bronze client's dashboards are locked", async ({
    page,
    loginAs,
  }) => {
    await loginAs("admin@northwind.test");
    const harbor = await siteNamed(page.request, "Harbor General Hospital");
    await page.goto(`/devices?client=${harbor.clientId}`);
    await expect(
      page.getByRole("note", { name: "Predictive device replacement is locked: needs Gold" }),
    ).toBeVisible();
    await expect(page.getByRole("table", { name: "Worst devices" })).toBeVisible();

    const meridian = await siteNamed(page.request, "Meridian Mall Atlanta");
    await page.goto(`/devices?client=${meridian.clientId}`);
    await expect(
      page.getByRole("note", { name: "Device health monitoring is locked: needs Silver" }).last(),
    ).toBeVisible();
    await expect(page.getByRole("table", { name: "Worst devices" })).toHaveCount(0);
    await expect(page.getByText("The fleet could not be loaded.")).toHaveCount(0);
  });
});
