import { landingFor, navFor } from "@/lib/navigation";
import { ROLE_LABELS } from "@/lib/roles";
import { DEMO_LOGINS } from "@/server/seed/logins";
import { bellShowsUnread, expect, shot, test } from "../fixtures";

const northwind = DEMO_LOGINS.filter((l) => l.tenant === "northwind");

test.describe("main navigation per role", () => {
  for (const login of northwind) {
    test(`${login.role} (${login.email}) sees exactly its pages`, async ({ page, loginAs }) => {
      await loginAs(login.email);
      await page.goto("/");
      // each console role starts on the overview (its numbers to act on), a guard on their shifts
      const landing = landingFor(login.role);
      await expect(page).toHaveURL(new RegExp(`${landing}$`));
      const firstName = login.name.split(" ")[0] ?? login.name;
      await expect(
        page.getByRole("heading", { name: `Good to see you, ${firstName}` }),
      ).toBeVisible();

      const expected = navFor(login.role);
      const links = page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link");
      await expect(links).toHaveText(expected.map((i) => i.label));
      for (const [index, item] of expected.entries()) {
        await expect(links.nth(index)).toHaveAttribute("href", item.href);
      }
      const landingLabel = expected.find((i) => i.href === landing)?.label ?? "";
      await expect(links.filter({ hasText: landingLabel })).toHaveAttribute("aria-current", "page");

      await expect(page.getByRole("banner").getByTestId("role-label")).toHaveText(
        ROLE_LABELS[login.role],
      );
      await expect(page.getByRole("banner")).toContainText(login.name);
      await bellShowsUnread(page);
      await shot(page, `landing-${login.role}`);
    });
  }

  test.describe("on a phone-sized screen", () => {
    test.use({ viewport: { width: 390, height: 844 } });

    test("the compact navigation shows the same links", async ({ page, loginAs }) => {
      await loginAs("admin@northwind.test");
      await page.goto("/overview");
      await expect(page.getByRole("heading", { name: "Good to see you, Alex" })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Main", exact: true })).toBeHidden();
      const links = page.getByRole("navigation", { name: "Main (compact)" }).getByRole("link");
      await expect(links).toHaveText(navFor("admin").map((i) => i.label));
      await links.filter({ hasText: "Users" }).click();
      await expect(page).toHaveURL(/\/admin\/users$/);
      await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
      await page.goto("/overview");
      await expect(page.getByRole("heading", { name: "Good to see you, Alex" })).toBeVisible();
      await bellShowsUnread(page);
      await shot(page, "landing-admin-phone");
    });
  });
});
