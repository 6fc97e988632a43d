import type { BrowserContext } from "@playwright/test";
import { expect, signIn, test, trpcMutation, trpcQuery } from "../fixtures";

/**
 * Supervisors hear of every escalation: three of one alert read as one notification "×3";
 * mark-all-read empties the count; turning the kind off stops it. One test, in order: the
 * supervisor's inbox is the shared state.
 */
test("grouped notifications, mark all read, and a kind turned off", async ({
  page,
  loginAs,
  browser,
}) => {
  const operator: BrowserContext = await browser.newContext();
  try {
    await signIn(operator, "operator@northwind.test");
    const queue = await trpcQuery<{ id: string; type: string; title: string }[]>(
      operator.request,
      "alert.list",
      { limit: 50 },
    );
    const alert = (queue.data ?? []).find((a) => !/^(SHIFT_|TOUR_)/.test(a.type));
    if (!alert) throw new Error("no open alert to escalate");
    const escalate = async () =>
      expect(
        (await trpcMutation(operator.request, "alert.escalate", { id: alert.id })).error,
      ).toBeUndefined();

    await loginAs("supervisor@northwind.test");
    await trpcMutation(page.request, "notification.markRead", {});
    await page.goto("/notifications");
    const bell = page.getByRole("banner").getByRole("button", { name: /^Notifications/ });
    // the escalation clocks may notify the supervisor of other alerts at any moment (the demo's
    // stale alerts fall due during the suite): what is checked is this alert's notification
    // (the clocks may have escalated this very alert too: theirs is another notification)
    const mine = page
      .getByRole("main")
      .getByRole("listitem")
      .filter({ hasText: alert.title })
      .filter({ hasText: "escalated by" });
    const unreadMine = mine.getByRole("button", { name: "Mark read" });

    for (let i = 0; i < 3; i++) await escalate();
    await page.reload();
    await expect(bell).toHaveAccessibleName(/^Notifications, \d+ unread$/);
    await bell.click();
    const item = page
      .getByRole("banner")
      .getByRole("listitem")
      .filter({ hasText: alert.title })
      .filter({ hasText: "escalated by" });
    await expect(item.getByLabel("3 times")).toHaveText("×3");
    await page.keyboard.press("Escape");
    await expect(mine).toHaveCount(1);
    await expect(unreadMine).toBeVisible();

    await page.getByRole("main").getByRole("button", { name: "Mark all read" }).click();
    await expect(unreadMine).toHaveCount(0);

    // escalated alerts: neither in the app nor by e-mail any more
    await page.getByRole("checkbox", { name: "Escalated alerts: In app" }).uncheck();
    await page.getByRole("checkbox", { name: "Escalated alerts: E-mail" }).uncheck();
    await page.getByRole("button", { name: "Save choices" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    // from now on no escalation reaches the supervisor, the clocks' included
    await trpcMutation(page.request, "notification.markRead", {});
    await escalate();
    await page.reload();
    await expect(bell).toHaveAccessibleName("Notifications");
    await expect(mine.getByLabel("3 times")).toHaveText("×3");
    await expect(unreadMine).toHaveCount(0);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: "/work/shots/ux2/notifications-1440.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "/work/shots/ux2/notifications-390.png", fullPage: true });
  } finally {
    // leave the supervisor's choices as seeded for other tests
    await trpcMutation(page.request, "notification.updatePreferences", {
      kinds: {},
      emailDigest: "off",
    });
    await operator.close();
  }
});
