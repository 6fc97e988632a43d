import { expect, test } from "../fixtures";

declare global {
  interface Window {
    __injected?: boolean;
    __violations?: string[];
  }
}

const scriptSrc = (csp: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src ")) ?? "";

test.describe("content security policy", () => {
  test("pages allow scripts by a per-request nonce only, a new one per request", async ({
    page,
  }) => {
    const first = await page.goto("/login");
    const csp = first?.headers()["content-security-policy"] ?? "";
    const scripts = scriptSrc(csp);
    expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("unsafe-inline");
    expect(scripts).not.toContain("unsafe-eval");
    const nonce = /'nonce-([^']+)'/.exec(scripts)?.[1] ?? "";
    // Next put the same nonce on its scripts, and the page hydrated with them
    // (browsers hide a nonce attribute's value from the DOM; the property keeps it)
    const nonced = await page.evaluate(
      (n) => Array.from(document.scripts).filter((s) => s.nonce === n).length,
      nonce,
    );
    expect(nonced).toBeGreaterThan(0);
    const again = await page.request.get("/login");
    expect(again.headers()["content-security-policy"]).not.toContain(nonce);
  });

  test("markup injected into a page cannot run script without the nonce", async ({ page }) => {
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        window.__violations?.push(e.effectiveDirective),
      );
    });
    // what a stored XSS would look like: markup in the server's HTML, without the nonce
    await page.route(
      (url) => url.pathname === "/login",
      async (route) => {
        const res = await route.fetch();
        const html = (await res.text()).replace(
          "</body>",
          '<script>window.__injected = true</script><img src="/x.png" onerror="window.__injected = true"></body>',
        );
        await route.fulfill({ response: res, body: html });
      },
    );
    await page.goto("/login");
    // Next's own (nonce'd) scripts ran: the form is hydrated and works on the client
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter a valid e-mail address")).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => window.__violations ?? []))
      .toEqual(expect.arrayContaining(["script-src-elem", "script-src-attr"]));
    expect(await page.evaluate(() => window.__injected)).toBeUndefined();
  });

  test("the main pages load under the policy without a violation or a page error", async ({
    page,
    loginAs,
  }) => {
    const violations: string[] = [];
    await page.exposeFunction("__reportViolation", (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        const report = (window as unknown as { __reportViolation: (v: string) => void })
          .__reportViolation;
        report(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await loginAs("admin@northwind.test");
    for (const [path, heading] of [
      ["/overview", "Good to see you, Alex"],
      ["/noc", "NOC queue"],
      ["/sla", "SLA risk"],
      ["/work-orders", "Work orders"],
      ["/vendors", "Vendors"],
      ["/admin/jobs", "Background jobs"],
      ["/notifications", "Notifications"],
    ] as const) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      expect(res?.headers()["content-security-policy"], path).toMatch(/'nonce-/);
      await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    }
    // a client-side navigation works too (the app hydrated)
    await page.getByRole("link", { name: "SLA risk" }).first().click();
    await expect(page).toHaveURL(/\/sla$/);
    await expect(page.getByRole("heading", { name: "SLA risk", level: 1 })).toBeVisible();
    expect(violations).toEqual([]);
  });
});
