import { DEMO_PASSWORD } from "@/server/seed/logins";
import { expect, test } from "../fixtures";

// Each was reported (or is a sibling of one) to sign a user in and land them on evil.test.
const HOSTILE = [
  "/\t/evil.test/x",
  "/..//evil.test",
  "/./\t/evil.test",
  "/\\evil.test",
  "\\\\evil.test",
  "/\t\\evil.test",
  "/\n/evil.test",
  "//evil.test",
  "///evil.test",
  "/.//evil.test/x",
  "https://evil.test/x",
  "http:\\\\evil.test",
  "javascript:alert(1)",
];

test.describe("sign-in destination", () => {
  for (const callbackUrl of HOSTILE) {
    test(`signing in with callbackUrl ${JSON.stringify(callbackUrl)} stays on the site`, async ({
      browser,
      baseURL,
    }) => {
      const context = await browser.newContext({ baseURL });
      // if the browser were sent off-site, it would land here rather than on a network error
      await context.route(
        (url) => url.hostname === "evil.test",
        (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" }),
      );
      const page = await context.newPage();
      await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await page.getByLabel("E-mail").fill("supervisor@northwind.test");
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();

      await page.waitForURL((url) => url.pathname !== "/login");
      await expect(page.getByRole("heading", { name: "Good to see you, Sam" })).toBeVisible();
      const landed = new URL(page.url());
      expect(landed.origin).toBe(new URL(baseURL ?? "").origin);
      expect(landed.pathname).toBe("/overview");
      await context.close();
    });
  }

  test("a same-site callbackUrl is kept", async ({ page }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent("/sla?view=1")}`);
    await page.getByLabel("E-mail").fill("supervisor@northwind.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/sla\?view=1$/);
  });
});
