import { bellShowsUnread, expect, shotsAtWidths, test } from "../fixtures";

/** the shell listens for its keys once hydrated; on a busy machine that takes a while */
const HYDRATED_WITHIN = 20_000;

test.describe("the ? shortcut sheet", () => {
  test("opens with ? anywhere, lists every key by where it works, and closes with Escape", async ({
    page,
    loginAs,
  }) => {
    test.slow(); // a shared machine: screenshots and several server round trips
    await loginAs("operator@northwind.test");
    await page.goto("/overview");
    await bellShowsUnread(page, HYDRATED_WITHIN); // hydrated: the shell's keys listen
    await page.keyboard.press("?");
    const sheet = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(sheet).toBeVisible();
    for (const group of ["Anywhere", "In the command palette", "NOC queue"])
      await expect(sheet.getByRole("heading", { name: group })).toBeVisible();
    for (const [what, key] of [
      ["Open the command palette", "k"],
      ["Next alert", "j"],
      ["Previous alert", "k"],
      ["Acknowledge the selected alert", "a"],
      ["Escalate the selected alert", "e"],
      ["Resolve the selected alert", "r"],
      ["Search the queue", "/"],
    ] as const) {
      const row = sheet.locator("div").filter({ has: page.getByText(what, { exact: true }) });
      await expect(row.last().locator("kbd").last()).toHaveText(key);
    }
    await expect(sheet.getByRole("button", { name: "Close" })).toBeFocused();
    await shotsAtWidths(page, "shortcut-sheet");
    await page.keyboard.press("Escape");
    await expect(sheet).toBeHidden();
  });

  test("does not open while typing ? into a field", async ({ page, loginAs }) => {
    test.slow(); // a shared machine: screenshots and several server round trips
    await loginAs("operator@northwind.test");
    await page.goto("/noc");
    await bellShowsUnread(page, HYDRATED_WITHIN);
    const search = page.getByRole("textbox", { name: "Search alerts" });
    await search.click();
    await page.keyboard.type("why?");
    await expect(search).toHaveValue("why?");
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toHaveCount(0);
    // the header's button opens it by pointer too
    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  });
});
