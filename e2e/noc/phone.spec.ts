import { card, expect, shot, test, unique } from "../fixtures";
import { createAlert, live, rowOf } from "./helpers";

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

const sideways = (page: import("@playwright/test").Page) =>
  page.evaluate(() => {
    const el = document.scrollingElement;
    return el ? el.scrollWidth - window.innerWidth : Number.NaN;
  });

test.describe("NOC on a phone", () => {
  test("filters in a sheet, no key hints, the detail full screen, nothing sideways", async ({
    page,
    loginAs,
  }) => {
    await loginAs("operator@northwind.test");
    const title = `Phone ${unique()}`;
    const id = await createAlert(page, title);
    await page.goto("/noc");
    await live(page);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await expect(page.getByText("Keys:")).toBeHidden();
    // the statistics box fits the screen
    const stats = await page.getByLabel("Queue statistics").boundingBox();
    expect(stats && stats.x >= 0 && stats.x + stats.width <= 390).toBe(true);
    await shot(page, "noc-phone-queue");

    // one button for the filters; they open in a sheet
    await expect(page.getByLabel("Severity")).toBeHidden();
    await page.getByRole("button", { name: "Filters" }).click();
    const sheet = page.getByRole("dialog", { name: "Filters" });
    await expect(sheet.getByLabel("Severity")).toBeVisible();
    await shot(page, "noc-phone-filters");
    await sheet.getByRole("button", { name: "Done" }).click();
    await expect(page.getByLabel("Severity")).toBeHidden();

    // the detail covers the queue, with a way back
    await page.getByLabel("Search alerts").fill(title);
    await rowOf(page, id).click();
    const panel = card(page, title);
    await expect(panel).toBeVisible();
    const cover = await panel.locator("xpath=..").boundingBox();
    expect(cover).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await expect(panel.getByRole("button", { name: "Acknowledge" })).toBeVisible();
    await shot(page, "noc-phone-detail");
    await panel.getByRole("button", { name: "Close" }).click();
    await expect(panel).toBeHidden();
    await expect(rowOf(page, id)).toBeVisible();
  });

  test("a specialist whose queue is empty reads why", async ({ page, loginAs }) => {
    await loginAs("specialist@northwind.test");
    await page.goto(`/noc?q=${encodeURIComponent(`nothing-${unique()}`)}`);
    await expect(page.getByText("No open alerts match these filters")).toBeVisible();
    await expect(page.getByTestId("routed-only").first()).toHaveText(
      "Only alerts routed to IoT Specialists appear here.",
    );
    await expect(page.getByText("Keys:")).toBeHidden();
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await shot(page, "noc-phone-specialist-empty");
  });
});
