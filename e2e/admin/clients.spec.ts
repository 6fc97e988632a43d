import { bellShowsUnread, card, expect, shot, test, unique } from "../fixtures";

test.describe("admin: clients and sites", () => {
  test.beforeEach(async ({ page, loginAs }) => {
    await loginAs("admin@northwind.test");
    await page.goto("/admin/clients");
    await expect(page.getByRole("heading", { name: "Clients & sites", level: 1 })).toBeVisible();
  });

  test("create a client and add a site with time zone and coordinates", async ({ page }) => {
    const suffix = unique();
    const clientName = `E2E Client ${suffix}`;
    const siteName = `E2E Site ${suffix}`;

    await page.getByRole("button", { name: "New client" }).click();
    const form = card(page, "New client");
    await form.getByLabel("Name").fill(clientName);
    await form.getByLabel("Plan tier").selectOption({ label: "Silver" });
    await form.getByLabel("Executive recipients").fill(`ceo@${suffix}.test`);
    await form.getByRole("button", { name: "Create client" }).click();
    await expect(form).toBeHidden();

    const client = card(page, clientName);
    await expect(client).toContainText("Silver");
    await expect(client).toContainText(`ceo@${suffix}.test`);
    await expect(client).toContainText("No sites yet.");

    await client.getByRole("button", { name: `Add site to ${clientName}` }).click();
    const siteForm = card(page, "New site");
    await siteForm.getByLabel("Name").fill(siteName);
    await siteForm.getByLabel("Address").fill("Rua Augusta 1, Lisbon");
    await siteForm.getByLabel("Time zone (IANA)").fill("Europe/Lisbon");
    await siteForm.getByLabel("Latitude").fill("38.7223");
    await siteForm.getByLabel("Longitude").fill("-9.1393");
    await siteForm.getByRole("button", { name: "Create site" }).click();
    await expect(siteForm).toBeHidden();

    const site = client
      .getByRole("table", { name: `Sites of ${clientName}` })
      .getByRole("row")
      .filter({ hasText: siteName });
    await expect(site).toContainText("Europe/Lisbon");
    await expect(site).toContainText("38.7223, -9.1393");
    await expect(site).toContainText("Rua Augusta 1, Lisbon");
    await bellShowsUnread(page);
    await shot(page, "admin-clients");
  });

  test("an unknown time zone shows a field error", async ({ page }) => {
    const client = card(page, "Civic Parks Department");
    await client.getByRole("button", { name: "Add site to Civic Parks Department" }).click();
    const siteForm = card(page, "New site");
    await siteForm.getByLabel("Name").fill(`E2E Moon Base ${unique()}`);
    await siteForm.getByLabel("Time zone (IANA)").fill("Mars/Base");
    await siteForm.getByLabel("Latitude").fill("10");
    await siteForm.getByLabel("Longitude").fill("20");
    await siteForm.getByRole("button", { name: "Create site" }).click();

    await expect(
      siteForm
        .getByRole("alert")
        .filter({ hasText: "Use an IANA time zone such as America/Chicago" }),
    ).toBeVisible();
    await expect(siteForm.getByLabel("Time zone (IANA)")).toHaveAttribute("aria-invalid", "true");
    await expect(client).not.toContainText("Mars/Base");
  });
});

test.describe("page screenshots", () => {
  test("admin pages and notifications", async ({ page, loginAs }) => {
    await loginAs("admin@northwind.test");

    await page.goto("/admin/groups");
    await expect(page.getByRole("heading", { name: "Emergency Response", level: 2 })).toBeVisible();
    await bellShowsUnread(page);
    await shot(page, "admin-groups");

    await page.goto("/admin/api-keys");
    await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
    await bellShowsUnread(page);
    await shot(page, "admin-api-keys");

    await page.goto("/admin/audit");
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    await expect(
      page.getByRole("table", { name: "Audit log" }).or(page.getByText(/^Nothing recorded/)),
    ).toBeVisible();
    await bellShowsUnread(page);
    await shot(page, "admin-audit");

    await page.goto("/notifications");
    await expect(page.getByText("Welcome to Watchfloor")).toBeVisible();
    await bellShowsUnread(page);
    await shot(page, "notifications");
  });

  test("login page", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await shot(page, "login");
  });
});
