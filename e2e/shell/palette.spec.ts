import type { Page } from "@playwright/test";
import {
  bellShowsUnread,
  createOwnAlert,
  expect,
  shot,
  shotsAtWidths,
  test,
  trpcQuery,
  unique,
} from "../fixtures";

/** the shell listens for its keys once hydrated; on a busy machine that takes a while */
const HYDRATED_WITHIN = 20_000;
/** a search or an action answered by the server */
const SERVER_WITHIN = 15_000;

/** Opens the palette with Ctrl-K once the page is hydrated; returns its search box. */
async function openPalette(page: Page) {
  await bellShowsUnread(page, HYDRATED_WITHIN);
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await expect(palette).toBeVisible();
  const box = palette.getByRole("combobox");
  await expect(box).toBeFocused();
  return { palette, box };
}

type AlertState = { status: string; escalated: boolean };

test.describe("the command palette", () => {
  test("finds an alert by title, acknowledges it, escalates it after asking, and opens it", async ({
    page,
    loginAs,
  }) => {
    test.slow(); // a shared machine: screenshots and several server round trips
    await loginAs("operator@northwind.test");
    const title = `Palette drill ${unique()}`;
    // low: triage escalates by itself from a score of 90 (the palette then offers no escalation),
    // which a high intrusion at the busy demo site can reach late in the suite
    const id = await createOwnAlert(page.request, title, "low");
    await page.goto("/overview");
    const { palette, box } = await openPalette(page);
    await box.fill(title);
    const hit = palette.getByRole("option", { name: new RegExp(title) });
    await expect(hit).toBeVisible({ timeout: SERVER_WITHIN });
    await expect(hit).toHaveAttribute("aria-selected", "true");
    await expect(box).toHaveAttribute(
      "aria-activedescendant",
      (await hit.getAttribute("id")) ?? "",
    );
    await page.keyboard.press("Enter");

    // its actions: open, acknowledge, escalate
    const options = palette.getByRole("option");
    await expect(options).toHaveText(["Open in the NOC queue", "Acknowledge", "Escalate…"]);
    await page.keyboard.press("ArrowDown");
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await expect(palette.getByRole("status")).toHaveText(`Acknowledged “${title}”.`, {
      timeout: SERVER_WITHIN,
    });
    await expect(options).toHaveText(["Open in the NOC queue", "Escalate…"]);
    expect((await trpcQuery<AlertState>(page.request, "alert.get", { id })).data?.status).toBe(
      "acknowledged",
    );

    // escalation asks first; Escape steps back without paging anyone
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await expect(options).toHaveText(["Yes, escalate", "Cancel"]);
    await shotsAtWidths(page, "palette-confirm");
    await page.keyboard.press("Escape");
    await expect(options).toHaveText(["Open in the NOC queue", "Escalate…"]);
    expect((await trpcQuery<AlertState>(page.request, "alert.get", { id })).data?.escalated).toBe(
      false,
    );
    await options.filter({ hasText: "Escalate…" }).click();
    await page.keyboard.press("Enter"); // "Yes, escalate" is highlighted
    await expect(palette.getByRole("status")).toContainText("Escalated", {
      timeout: SERVER_WITHIN,
    });
    expect((await trpcQuery<AlertState>(page.request, "alert.get", { id })).data?.escalated).toBe(
      true,
    );

    // open it: the queue with the alert's panel
    await page.keyboard.press("Home");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/noc\\?alert=${id}$`), { timeout: SERVER_WITHIN });
    await expect(palette).toBeHidden();
    await expect(page.getByRole("heading", { name: title })).toBeVisible({
      timeout: SERVER_WITHIN,
    });
  });

  test("jumps to a page the role may open, and steps back and closes with Escape", async ({
    page,
    loginAs,
  }) => {
    test.slow(); // a shared machine: screenshots and several server round trips
    await loginAs("operator@northwind.test");
    await page.goto("/overview");
    const { palette, box } = await openPalette(page);
    // every page of the role, none it may not open
    await expect(palette.getByRole("option", { name: "NOC queue" })).toBeVisible();
    await expect(palette.getByRole("option", { name: "Users" })).toHaveCount(0);
    await shotsAtWidths(page, "palette-pages");
    await box.fill("sla ri");
    await expect(palette.getByRole("option").first()).toHaveText("SLA risk");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/sla$/, { timeout: SERVER_WITHIN });
    await expect(palette).toBeHidden();

    const again = await openPalette(page);
    await again.box.fill("Chicago");
    const site = again.palette.getByRole("group", { name: "Sites" }).getByRole("option").first();
    await expect(site).toBeVisible({ timeout: SERVER_WITHIN });
    await shot(page, "palette-search-1440");
    await site.click();
    await expect(again.palette.getByRole("option").first()).toHaveText(/^Alerts at /);
    await page.keyboard.press("Escape"); // back to the results, the text kept
    await expect(again.box).toHaveValue("Chicago");
    await page.keyboard.press("Escape"); // closed
    await expect(again.palette).toBeHidden();
  });

  test("a site manager's palette searches no alerts and offers no NOC pages", async ({
    page,
    loginAs,
  }) => {
    test.slow(); // a shared machine: screenshots and several server round trips
    await loginAs("manager@northwind.test");
    await page.goto("/overview");
    const { palette, box } = await openPalette(page);
    await expect(palette.getByRole("option", { name: "NOC queue" })).toHaveCount(0);
    await box.fill("Acme");
    await expect(palette.getByRole("group", { name: "Sites" })).toBeVisible({
      timeout: SERVER_WITHIN,
    });
    await expect(palette.getByRole("group", { name: "Open alerts" })).toHaveCount(0);
  });
});
