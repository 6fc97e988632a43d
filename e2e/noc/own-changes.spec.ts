import type { Page } from "@playwright/test";
import { card, expect, test, trpcMutation, trpcQuery, unique } from "../fixtures";

// wide enough for the queue's Assigned column beside the open detail panel (2xl)
test.use({ viewport: { width: 1600, height: 900 } });

/**
 * An operator's own changes show from the mutation alone: here the live stream is cut
 * (/api/live aborted), so nothing arrives through it, and the page must update itself.
 */
async function openOwnAlert(page: Page) {
  let liveTried = 0;
  await page.route("**/api/live", (route) => {
    liveTried++;
    return route.abort();
  });
  const title = `Own change ${unique()}`;
  const sites = await trpcQuery<{ id: string }[]>(page.request, "site.list", {});
  const res = await trpcMutation<{ id: string }>(page.request, "alert.create", {
    siteId: sites.data?.[0]?.id,
    type: "INTRUSION",
    severity: "high",
    title,
    fingerprint: title,
  });
  const id = res.data?.id;
  if (!id) throw new Error(`alert not created: ${JSON.stringify(res.error)}`);
  await page.goto(`/noc?q=${encodeURIComponent(title)}`);
  // hydrated, and the live stream is down (the banner shows once it has been off a while)
  await expect(page.getByTestId("live-banner")).toBeVisible();
  expect(liveTried).toBeGreaterThan(0);
  const row = page.getByRole("table", { name: "Alert queue" }).locator(`tr[id="alert-row-${id}"]`);
  await expect(row).toBeVisible();
  await row.click();
  const panel = card(page, title);
  await expect(panel).toBeVisible();
  return { row, panel, id };
}

test.describe("NOC: an operator's own changes without the live stream", () => {
  test("acknowledging updates the queue row and the detail panel", async ({ page, loginAs }) => {
    await loginAs("operator@northwind.test");
    const { row, panel } = await openOwnAlert(page);
    const state = row.locator("td:nth-child(8)");
    await expect(state).toHaveText("new");
    await panel.getByRole("button", { name: "Acknowledge (a)" }).click();
    await expect(state).toHaveText("acknowledged");
    await expect(panel.getByRole("button", { name: "Acknowledge (a)" })).toBeHidden();
    await expect(panel.getByRole("list", { name: "Timeline" })).toContainText("acknowledge");
  });

  test("assigning updates the queue row and the detail panel", async ({ page, loginAs }) => {
    await loginAs("operator@northwind.test");
    const { row, panel } = await openOwnAlert(page);
    const assignee = panel.getByLabel("Assignee");
    // the first person offered (after "Nobody")
    const person = assignee.locator("option").nth(1);
    await expect(person).toBeAttached();
    const userId = await person.getAttribute("value");
    const name = (await person.innerText()).replace(/ \(.*\)$/, "");
    if (!userId) throw new Error("no one to assign");
    await assignee.selectOption(userId);
    await expect(row.locator("td:nth-child(7)")).toHaveText(name);
    await expect(assignee).toHaveValue(userId);
    await expect(panel.getByRole("list", { name: "Timeline" })).toContainText("assign");
  });

  test("resolving takes the alert out of the queue and shows how it ended", async ({
    page,
    loginAs,
  }) => {
    await loginAs("operator@northwind.test");
    const { row, panel, id } = await openOwnAlert(page);
    await panel.getByRole("button", { name: "Resolve (r)" }).click();
    const dialog = page.getByRole("dialog", { name: "Resolve alerts" });
    await dialog.getByLabel("Resolution").selectOption({ label: "False alarm" });
    await dialog.getByRole("button", { name: "Resolve" }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toHaveCount(0);
    // the panel moves on (here to nothing: it was the only alert shown) and a toast confirms
    await expect(panel).toBeHidden();
    await expect(page.getByTestId("toast")).toContainText("Resolved 1 alert");
    const ended = await trpcQuery<{ status: string; resolution: string }>(
      page.request,
      "alert.get",
      { id },
    );
    expect(ended.data).toMatchObject({ status: "resolved", resolution: "false_alarm" });
  });
});
