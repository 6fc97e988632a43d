import { DEMO_PASSWORD } from "@/server/seed/logins";
import { expect, test } from "../fixtures";

test.describe("sign-in", () => {
  test("the login form signs an admin in and lands on the overview", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("E-mail").fill("admin@northwind.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(page).toHaveURL(/\/overview$/);
    await expect(page.getByRole("heading", { name: "Good to see you, Alex" })).toBeVisible();
    await expect(page.getByRole("banner").getByTestId("role-label")).toHaveText("Admin");
  });

  test("a wrong password shows that the credentials do not match", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("E-mail").fill("operator@bluefin.test");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();

    // (Next's route announcer is an empty role="alert" too.)
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
      "That e-mail and password do not match an active account.",
    );
    await expect(page).toHaveURL(/\/login/);
    // The e-mail is kept, the password is not.
    await expect(page.getByLabel("E-mail")).toHaveValue("operator@bluefin.test");
    await expect(page.getByLabel("Password")).toHaveValue("");
  });

  test("signing out returns to the login page and ends the session", async ({ page, loginAs }) => {
    // Link prefetches that are still in flight at sign-out can sign the user back in (see the
    // next test); keep them out so this test checks the sign-out itself.
    await page.route("**/*", (route) =>
      route.request().headers()["next-router-prefetch"] ? route.abort() : route.fallback(),
    );
    await loginAs("supervisor@northwind.test");
    await page.goto("/overview");
    await expect(page.getByRole("heading", { name: "Good to see you, Sam" })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

    await page.goto("/overview");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Foverview$/);
  });

  test("a page response still in flight at sign-out does not sign the user back in", async ({
    page,
    loginAs,
  }) => {
    await loginAs("specialist@northwind.test");
    // Hold the sidebar's link prefetches until the user has signed out.
    let release = () => undefined as void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const delivered: Promise<void>[] = [];
    let held = 0;
    await page.route("**/*", async (route) => {
      if (!route.request().headers()["next-router-prefetch"]) return route.fallback();
      const response = await route.fetch();
      held += 1;
      const done = released.then(() => route.fulfill({ response })).catch(() => undefined);
      delivered.push(done);
      await done;
    });
    await page.goto("/overview");
    await expect(page.getByRole("heading", { name: "Good to see you, Sid" })).toBeVisible();
    await expect
      .poll(() => held, { message: "the sidebar links were prefetched" })
      .toBeGreaterThan(0);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    release();
    await Promise.all(delivered);

    await page.goto("/overview");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Foverview$/, { timeout: 2_000 });
  });

  test("a signed-out visit to an admin page goes to the login page and back", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/login\?/);
    expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/admin/users");

    await page.getByLabel("E-mail").fill("admin@northwind.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  });
});
