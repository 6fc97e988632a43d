import { expect, shot, signIn, test, unique } from "../fixtures";

test.describe("work orders", () => {
  test("a supervisor creates an order, sends it to a vendor, watches the vendor's steps arrive live, then verifies and rates it", async ({
    page,
    loginAs,
    playwright,
    baseURL,
  }) => {
    await loginAs("supervisor@northwind.test");
    await page.goto("/work-orders");
    await expect(page.getByRole("heading", { name: "Work orders", level: 1 })).toBeVisible();
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", {
      timeout: 15_000,
    });
    await page.evaluate(() => {
      (window as unknown as { __noReload: number }).__noReload = 1;
    });

    // a missing title is named next to its field; nothing is created
    await page.getByRole("button", { name: "New work order" }).click();
    const dialog = page.getByRole("dialog", { name: "New work order" });
    await dialog
      .getByLabel("Site")
      .selectOption({ label: "Riverside Park — Civic Parks Department" });
    await dialog.getByLabel("Category").selectOption({ label: "Locks" });
    await dialog.getByRole("button", { name: "Create" }).click();
    await expect(dialog.getByText("Give the work order a title")).toBeVisible();

    const title = `Gate lock sticks ${unique()}`;
    await dialog.getByLabel("Title").fill(title);
    await dialog.getByLabel("Estimate (hours)").fill("2");
    await dialog.getByLabel("Vendor").selectOption({ label: "Lockfast Locksmiths" });
    await dialog.getByRole("button", { name: "Create" }).click();
    await expect(dialog).toBeHidden();

    const detail = page.locator("#work-order-detail");
    await expect(detail.getByRole("heading", { name: new RegExp(title) })).toBeVisible();
    await expect(detail.getByTestId("work-order-status")).toHaveText("Assigned");
    await expect(page).toHaveURL(/order=[0-9a-f-]{36}/);

    await detail.getByRole("button", { name: "Send link to vendor" }).click();
    const link = await detail.getByTestId("vendor-link").innerText();
    expect(link).toMatch(/\/v\/[A-Za-z0-9_-]{22,}$/);
    const token = link.split("/v/")[1] ?? "";

    // the vendor works through the portal's API (no session): each step shows up live
    const vendor = await playwright.request.newContext({ baseURL });
    const step = async (to: string, note?: string) => {
      const res = await vendor.post(`/api/v/${token}/move`, { data: { to, note } });
      expect(res.status(), await res.text()).toBe(200);
    };
    await step("accepted");
    await expect(detail.getByTestId("work-order-status")).toHaveText("Accepted");
    await step("in_progress");
    await expect(detail.getByTestId("work-order-status")).toHaveText("In progress");
    const note = await vendor.post(`/api/v/${token}/notes`, {
      data: { note: "Cylinder worn, replacing it" },
    });
    expect(note.status()).toBe(201);
    await step("completed", "New cylinder fitted, three keys left at reception");
    const timeline = detail.getByRole("region", { name: "Timeline" });
    await expect(detail.getByTestId("work-order-status")).toHaveText("Completed");
    await expect(timeline).toContainText("Cylinder worn, replacing it");
    await expect(timeline).toContainText("three keys left at reception");
    await expect(timeline).toContainText("(vendor link)");
    // a completed order's link is read-only for the vendor
    const late = await vendor.post(`/api/v/${token}/notes`, { data: { note: "one more" } });
    expect(late.status()).toBe(409);
    await vendor.dispose();

    // verifying needs a rating
    const steps = detail.getByRole("region", { name: "Next steps" });
    await steps.getByRole("button", { name: "Verify and rate" }).click();
    await steps.getByRole("button", { name: "Verify and rate" }).last().click();
    await expect(steps.getByText("Rate the work from 1 to 5 to verify it")).toBeVisible();
    await steps.getByRole("radio", { name: "4 of 5" }).click();
    await steps.getByRole("button", { name: "Verify and rate" }).last().click();
    await expect(detail.getByTestId("work-order-status")).toHaveText("Verified");
    await expect(detail.getByLabel("Rated 4 of 5")).toBeVisible();
    await shot(page, "work-order-verified");

    // the list shows it among all orders; nothing reloaded the page on the way
    await page.getByLabel("Status").selectOption({ label: "Verified" });
    await expect(page).toHaveURL(/status=verified/);
    await expect(page.getByRole("table", { name: "Work orders" })).toContainText(title);
    expect(
      await page.evaluate(() => (window as unknown as { __noReload?: number }).__noReload),
    ).toBe(1);
  });

  test("assigning a vendor with an expired document warns do-not-dispatch", async ({
    page,
    loginAs,
  }) => {
    await loginAs("supervisor@northwind.test");
    await page.goto("/work-orders");
    await page.getByRole("button", { name: "New work order" }).click();
    const dialog = page.getByRole("dialog", { name: "New work order" });
    await dialog.getByLabel("Site").selectOption({ index: 1 });
    await dialog.getByLabel("Title").fill(`Clean the lobby ${unique()}`);
    await dialog.getByLabel("Category").selectOption({ label: "Cleaning" });
    await dialog.getByRole("button", { name: "Create" }).click();
    await expect(dialog).toBeHidden();
    const detail = page.locator("#work-order-detail");
    await expect(detail.getByTestId("work-order-status")).toHaveText("New");
    const choice = detail.getByLabel("Assign to");
    const dnd = choice.locator("option", { hasText: "do not dispatch" }).first();
    const label = (await dnd.textContent()) ?? "";
    expect(label).toContain("do not dispatch");
    await choice.selectOption({ label });
    await expect(detail.getByText(/has an expired document/)).toBeVisible();
    await detail.getByRole("button", { name: "Assign", exact: true }).click();
    await expect(detail.getByTestId("work-order-status")).toHaveText("Assigned");
    await expect(
      detail
        .getByRole("alert")
        .filter({ hasText: /do not dispatch/i })
        .first(),
    ).toBeVisible();
    await shot(page, "work-order-do-not-dispatch");
  });

  test("a vendor's drill-down from the rankings lists all of that vendor's orders, closed ones too", async ({
    page,
    loginAs,
  }) => {
    await loginAs("supervisor@northwind.test");
    await page.goto("/vendors");
    await page.getByRole("button", { name: "Coolair HVAC", exact: true }).click();
    await page
      .getByRole("region", { name: "Vendor Coolair HVAC" })
      .getByRole("link", { name: /Work orders/ })
      .click();
    await expect(page).toHaveURL(/\/work-orders\?vendorId=[0-9a-f-]{36}&all=1$/);
    await expect(page.getByLabel("Vendor")).toHaveValue(/[0-9a-f-]{36}/);
    await expect(page.getByLabel("Status")).toHaveValue("all");
    const rows = page.getByRole("table", { name: "Work orders" }).locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    const texts = await rows.allInnerTexts();
    expect(texts.length).toBeGreaterThan(5);
    for (const text of texts) expect(text).toContain("Coolair HVAC");
    expect(texts.some((t) => /Verified|Completed/.test(t))).toBe(true);
  });

  test("an executive cannot open work orders; a site manager sees only their sites", async ({
    page,
    loginAs,
    browser,
  }) => {
    await loginAs("executive@northwind.test");
    await page.goto("/work-orders");
    await expect(
      page.getByRole("heading", { name: "Your role cannot open this page" }),
    ).toBeVisible();

    const ctx = await browser.newContext();
    await signIn(ctx, "manager@northwind.test");
    const mgr = await ctx.newPage();
    await mgr.goto("/work-orders?all=1");
    const rows = mgr.getByRole("table", { name: "Work orders" }).locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    const sites = await mgr.getByLabel("Site").locator("option").allInnerTexts();
    // the site filter lists only the manager's sites (plus "All sites")
    expect(sites.length).toBeGreaterThan(1);
    for (const text of await rows.allInnerTexts())
      expect(sites.some((s) => s !== "All sites" && text.includes(s))).toBe(true);
    await ctx.close();
  });
});
