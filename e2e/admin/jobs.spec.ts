import { expect, shot, test, unique } from "../fixtures";

test.describe("admin: background jobs", () => {
  test("Run now starts a run that appears and finishes on the page without a reload", async ({
    page,
    loginAs,
  }) => {
    await loginAs("admin@northwind.test");
    await page.goto("/admin/jobs");
    await expect(page.getByRole("heading", { name: "Background jobs", level: 1 })).toBeVisible();
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", {
      timeout: 15_000,
    });
    const functions = page.getByRole("table", { name: "Background functions" });
    await expect(functions).toContainText("Retry and sweep notifications");
    await expect(functions).toContainText("UTC");
    await page.evaluate(() => {
      (window as unknown as { __noReload: number }).__noReload = 1;
    });

    const runs = page.getByRole("table", { name: "Recent runs" });
    const manualBefore = await runs
      .getByRole("row")
      .filter({ hasText: "Prune job history" })
      .filter({ hasText: "manual" })
      .count();
    await page.getByRole("button", { name: "Run Prune job history now" }).click();

    const manual = runs
      .getByRole("row")
      .filter({ hasText: "Prune job history" })
      .filter({ hasText: "manual" });
    await expect(manual).toHaveCount(manualBefore + 1, { timeout: 15_000 });
    await expect(manual.first()).toContainText("completed", { timeout: 15_000 });
    // a sweep over every tenant: its totals are not shown to one tenant (issue 13)
    await expect(manual.first()).toContainText("Ran for every tenant");
    await expect(manual.first()).not.toContainText("removed");
    expect(
      await page.evaluate(() => (window as unknown as { __noReload?: number }).__noReload),
    ).toBe(1);

    await manual.first().getByRole("button", { name: "Prune job history" }).click();
    const steps = page.getByRole("list", { name: "Steps" });
    await expect(steps).toContainText("prune");
    await expect(steps).toContainText("completed");
    await shot(page, "admin-jobs");
  });

  test("a new user's account e-mail lands in the outbox (dev mailbox) and is delivered", async ({
    page,
    loginAs,
  }) => {
    await loginAs("admin@northwind.test");
    const email = `outbox-${unique()}@northwind.test`;
    await page.goto("/admin/users");
    await page.getByRole("button", { name: "New user" }).click();
    await page.getByLabel("Name").fill("Outbox Person");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Initial password").fill("a-long-password");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByRole("table", { name: "Users" })).toContainText(email);

    await page.goto("/admin/outbox");
    const message = page
      .getByRole("list", { name: "Outbox" })
      .getByRole("listitem")
      .filter({ hasText: email });
    await expect(message).toContainText("Your Watchfloor account is ready");
    // delivered by the deliver-notifications function through the executor, shown live
    await expect(message).toContainText("sent", { timeout: 15_000 });
    await expect(message).toContainText("dev mailbox");
    await message.getByRole("button").click();
    await expect(message).toContainText("created an account for you");
    await shot(page, "admin-outbox");
  });
});
