import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, signIn, test, trpcMutation, unique } from "../fixtures";

declare global {
  interface Window {
    __noReload?: number;
  }
}

/** Waits until the shell's live subscription is open and the server has said it listens. */
async function waitForLive(page: Page) {
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", {
    timeout: 15_000,
  });
  await expect(page.getByTestId("live-status")).toHaveText("Live updates on");
}

/** Marks the document, so a reload (which drops the mark) would be noticed. */
async function markNoReload(page: Page) {
  await page.evaluate(() => {
    window.__noReload = 1;
  });
}

test.describe("live updates", () => {
  let contexts: BrowserContext[] = [];

  /**
   * Each worker first proves the pipeline end to end once on a cold server, so a failure here
   * points at the pipeline itself rather than at one of the behaviours below.
   */
  test.beforeAll(async ({ browser }) => {
    const admin = await browser.newContext();
    try {
      await signIn(admin, "admin@northwind.test");
      const page = await admin.newPage();
      await page.goto("/admin/groups");
      await waitForLive(page);
      // A change made in the gap is lost for good, so every attempt makes a new one.
      await expect(async () => {
        const name = `E2E Warm-up ${unique()}`;
        await trpcMutation(admin.request, "group.create", { name });
        await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible({
          timeout: 3_000,
        });
      }).toPass({ timeout: 20_000 });
    } finally {
      await admin.close();
    }
  });

  test.afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });

  async function signedInContext(browser: Browser, email: string) {
    const context = await browser.newContext();
    contexts.push(context);
    await signIn(context, email);
    return context;
  }

  test("a group created by one admin appears on another admin's open page", async ({
    browser,
  }, testInfo) => {
    const a = await signedInContext(browser, "admin@northwind.test");
    const b = await signedInContext(browser, "admin@northwind.test");
    const watcher = await b.newPage();
    await watcher.goto("/admin/groups");
    await expect(watcher.getByRole("heading", { name: "Groups", level: 1 })).toBeVisible();
    await waitForLive(watcher);
    await markNoReload(watcher);

    const suffix = unique();
    const name = `E2E Live ${suffix}`;
    const description = `Created by the live-update test ${suffix}`;
    const heading = watcher.getByRole("heading", { name, level: 2 });
    await expect(heading).toHaveCount(0);

    const started = Date.now();
    const created = await trpcMutation<{ id: string }>(a.request, "group.create", {
      name,
      description,
    });
    expect(created.error).toBeUndefined();
    const committed = Date.now();

    await expect(heading).toBeVisible({ timeout: 5_000 });
    const seen = Date.now();
    expect(await watcher.evaluate(() => window.__noReload)).toBe(1);
    await expect(watcher.getByText(description)).toBeVisible();

    const latency = `group visible ${seen - committed} ms after group.create answered (${seen - started} ms after it was sent)`;
    testInfo.annotations.push({ type: "latency", description: latency });
    console.log(`[live] ${latency}`);
  });

  test("the live stream is refused without a session", async ({ browser }) => {
    const anonymous = await browser.newContext();
    contexts.push(anonymous);
    const res = await anonymous.request.get("/api/live");
    expect(res.status()).toBe(401);
    expect(await res.json()).toEqual({ error: "Sign in to continue" });
  });

  test("a supervisor's open audit log shows an admin's change", async ({ browser }, testInfo) => {
    const a = await signedInContext(browser, "admin@northwind.test");
    const b = await signedInContext(browser, "supervisor@northwind.test");
    const watcher = await b.newPage();
    await watcher.goto("/admin/audit");
    await expect(watcher.getByRole("table", { name: "Audit log" })).toBeVisible();
    await waitForLive(watcher);
    await markNoReload(watcher);

    const name = `E2E Audit ${unique()}`;
    const started = Date.now();
    const created = await trpcMutation(a.request, "group.create", { name });
    expect(created.error).toBeUndefined();

    const row = watcher
      .getByRole("table", { name: "Audit log" })
      .getByRole("row")
      .filter({ hasText: name });
    await expect(row).toBeVisible({ timeout: 5_000 });
    await expect(row).toContainText("Group: create");
    await expect(row).toContainText("Alex Admin");
    expect(await watcher.evaluate(() => window.__noReload)).toBe(1);
    const latency = `audit row visible ${Date.now() - started} ms after group.create was sent`;
    testInfo.annotations.push({ type: "latency", description: latency });
    console.log(`[live] ${latency}`);
  });

  test("the notification bell updates when the same user reads them elsewhere", async ({
    browser,
  }) => {
    // Noah (a seeded operator) signs in in no other test, so his seeded welcome notification
    // is still unread here (every run starts from a freshly seeded database).
    const a = await signedInContext(browser, "noah.patel@northwind.test");
    const b = await signedInContext(browser, "noah.patel@northwind.test");
    const watcher = await b.newPage();
    await watcher.goto("/overview");
    await waitForLive(watcher);
    await markNoReload(watcher);
    const bell = watcher.getByRole("banner").getByRole("button", { name: /^Notifications/ });
    await expect(bell).toHaveAccessibleName("Notifications, 1 unread");

    const read = await trpcMutation<{ updated: number }>(a.request, "notification.markRead", {});
    expect(read.data?.updated).toBe(1);

    await expect(bell).toHaveAccessibleName("Notifications", { timeout: 5_000 });
    await expect(watcher.getByTestId("bell-count")).toHaveCount(0);
    expect(await watcher.evaluate(() => window.__noReload)).toBe(1);
  });
});
