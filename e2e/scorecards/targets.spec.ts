import type { Browser, Page } from "@playwright/test";
import { monthLabel } from "@/lib/scorecard-format";
import { expect, shot, signIn, test, trpcMutation, trpcQuery } from "../fixtures";

/** The month before now (UTC), the newest one the demo seed generated. */
function lastMonth(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/** Harbor Health's id, read as the admin (it is outside the executive's scope; no other spec edits it). */
async function harborId(browser: Browser): Promise<string> {
  const admin = await browser.newContext();
  await signIn(admin, "admin@northwind.test");
  const grid = await trpcQuery<{ clients: { id: string; name: string }[] }>(
    admin.request,
    "scorecard.grid",
    { months: 1 },
  );
  await admin.close();
  const id = grid.data?.clients.find((c) => c.name === "Harbor Health")?.id;
  if (!id) throw new Error("Harbor Health is not in the seed");
  return id;
}

/** Harbor Health's newest scorecard, through the grid's link. */
async function openHarborMonth(page: Page, month: string) {
  await page.goto("/scorecards");
  await page
    .getByRole("table", { name: "Scorecards by client and month" })
    .getByRole("link", {
      name: new RegExp(`^Harbor Health, ${monthLabel(month)}: (red|amber|green)$`),
    })
    .click();
}

const targetsTable = (page: Page) =>
  page.getByRole("table", { name: "Operational excellence targets" });

test.describe("scorecard contract targets", () => {
  test("an admin opens a client's targets from its scorecard, fixes a bad threshold and saves", async ({
    page,
    loginAs,
  }) => {
    const month = lastMonth();
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs("admin@northwind.test");
    await openHarborMonth(page, month);
    await page.getByRole("link", { name: "Contract targets" }).click();
    await expect(
      page.getByRole("heading", { name: "Harbor Health — contract targets", level: 1 }),
    ).toBeVisible();
    await expect(page.getByText(/applies from the next generation/)).toBeVisible();
    const row = targetsTable(page).getByRole("row", { name: /^Work order backlog/ });
    await expect(row.getByText("default", { exact: true })).toBeVisible();
    await shot(page, "targets");

    await row.getByRole("button", { name: "Edit Work order backlog" }).click();
    const form = page.getByRole("form", { name: "Edit Work order backlog" });
    // a lower-is-better KPI turns red above its target, not below
    await form.getByLabel("Target (count)").fill("15");
    await form.getByLabel("Red at (count)").fill("12");
    await form.getByRole("button", { name: "Save Work order backlog" }).click();
    await expect(form.getByText("Red must be at or above the target for this KPI")).toBeVisible();
    await expect(form.getByLabel("Red at (count)")).toHaveAttribute("aria-invalid", "true");
    await form.getByLabel("Target (count)").fill("");
    await form.getByRole("button", { name: "Save Work order backlog" }).click();
    await expect(form.getByText("Enter a number")).toBeVisible();
    await shot(page, "targets-errors");

    await form.getByLabel("Target (count)").fill("15");
    await form.getByLabel("Red at (count)").fill("25");
    await form.getByRole("button", { name: "Save Work order backlog" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Work order backlog saved" }),
    ).toHaveText("Work order backlog saved: target 15, red at 25.");
    await expect(form).toHaveCount(0);
    await expect(row.locator("[data-target=wo_backlog_open]")).toHaveText("15");
    await expect(row.getByText("contract", { exact: true })).toBeVisible();

    // stored, not only shown: a fresh load reads it back
    await page.reload();
    const reloaded = targetsTable(page).getByRole("row", { name: /^Work order backlog/ });
    await expect(reloaded.locator("[data-target=wo_backlog_open]")).toHaveText("15");
    await expect(reloaded.locator("[data-red-at=wo_backlog_open]")).toHaveText("25");
    await expect(reloaded.getByText("contract", { exact: true })).toBeVisible();
    // the other KPIs keep their defaults
    const sla = targetsTable(page).getByRole("row", { name: /^SLA performance/ });
    await expect(sla.locator("[data-target=sla_met_pct]")).toHaveText("95 %");
    await expect(sla.getByText("default", { exact: true })).toBeVisible();
  });

  test("an admin puts a KPI back on its default target", async ({ page, browser, loginAs }) => {
    const harbor = await harborId(browser);
    await loginAs("admin@northwind.test");
    await page.goto(`/scorecards/${harbor}/targets`);
    const row = () => targetsTable(page).getByRole("row", { name: /^Backlog median age/ });
    await row().getByRole("button", { name: "Edit Backlog median age" }).click();
    const form = page.getByRole("form", { name: "Edit Backlog median age" });
    // a default row has nothing to reset
    await expect(form.getByRole("button", { name: "Reset to default" })).toHaveCount(0);
    await form.getByLabel("Target (days)").fill("5");
    await form.getByLabel("Red at (days)").fill("9");
    await form.getByRole("button", { name: "Save Backlog median age" }).click();
    await expect(row().getByText("contract", { exact: true })).toBeVisible();

    await row().getByRole("button", { name: "Edit Backlog median age" }).click();
    await form.getByRole("button", { name: "Reset to default" }).click();
    await expect(page.getByRole("status").filter({ hasText: "back on the default" })).toHaveText(
      "Backlog median age is back on the default target.",
    );
    // stored: a fresh load shows the default again
    await page.reload();
    await expect(row().getByText("default", { exact: true })).toBeVisible();
    await expect(row().locator("[data-target=wo_backlog_median_age_days]")).toHaveText("7 d");
  });

  test("an admin fills in a KPI's defaults again", async ({ page, browser, loginAs }) => {
    const harbor = await harborId(browser);
    await loginAs("admin@northwind.test");
    await page.goto(`/scorecards/${harbor}/targets`);
    const row = targetsTable(page).getByRole("row", { name: /^Tour coverage/ });
    await row.getByRole("button", { name: "Edit Tour coverage" }).click();
    const form = page.getByRole("form", { name: "Edit Tour coverage" });
    await form.getByLabel("Target (%)").fill("97");
    await form.getByRole("button", { name: "Fill in defaults" }).click();
    await expect(form.getByLabel("Target (%)")).toHaveValue("95");
    await expect(form.getByLabel("Red at (%)")).toHaveValue("85");
    await form.getByRole("button", { name: "Cancel" }).click();
    await expect(form).toHaveCount(0);
  });

  test("on a phone, the admin's targets read top to bottom", async ({ page, browser, loginAs }) => {
    const harbor = await harborId(browser);
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs("admin@northwind.test");
    await page.goto(`/scorecards/${harbor}/targets`);
    await targetsTable(page).getByRole("button", { name: "Edit Attendance compliance" }).click();
    await expect(page.getByRole("form", { name: "Edit Attendance compliance" })).toBeVisible();
    await shot(page, "targets-phone");
  });

  for (const email of ["executive@northwind.test", "supervisor@northwind.test"])
    test(`${email.split("@")[0]} cannot open the targets page or set a target`, async ({
      page,
      browser,
      loginAs,
    }) => {
      const harbor = await harborId(browser);
      await loginAs(email);
      await page.goto(`/scorecards/${harbor}/targets`);
      await expect(
        page.getByRole("heading", { name: "Your role cannot open this page" }),
      ).toBeVisible();
      await expect(page.getByRole("button", { name: /^Edit / })).toHaveCount(0);
      const set = await trpcMutation(page.request, "scorecard.setTarget", {
        clientId: harbor,
        kpi: "wo_backlog_open",
        target: 1,
        redAt: 2,
      });
      expect(set.error?.code).toBe("FORBIDDEN");
      expect(set.data).toBeUndefined();
    });

  test("a supervisor's scorecard has no link to the targets", async ({ page, loginAs }) => {
    const month = lastMonth();
    await loginAs("supervisor@northwind.test");
    await openHarborMonth(page, month);
    await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Contract targets" })).toHaveCount(0);
  });
});
