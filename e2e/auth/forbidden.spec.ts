import { NAV_ITEMS } from "@/lib/navigation";
import { can } from "@/lib/permissions";
import { DEMO_LOGINS } from "@/server/seed/logins";
import { expect, shot, test, trpcQuery } from "../fixtures";

const MUST_REFUSE = ["/admin/users", "/admin/clients", "/admin/groups"];

test.describe("pages and procedures a role may not use", () => {
  for (const email of ["operator@northwind.test", "manager@northwind.test"]) {
    const role = DEMO_LOGINS.find((l) => l.email === email)?.role;
    // Every page the navigation keeps from this role (at least the three admin pages above).
    const refused = NAV_ITEMS.filter((i) => !can(role, i.capability)).map((i) => i.href);

    test(`${email} gets the 403 page on admin pages`, async ({ page, loginAs }) => {
      expect(refused).toEqual(expect.arrayContaining(MUST_REFUSE));
      await loginAs(email);
      for (const path of refused) {
        await test.step(path, async () => {
          const response = await page.goto(path);
          expect(response?.status()).toBe(403);
          await expect(page).toHaveURL(new RegExp(`${path}$`));
          await expect(
            page.getByRole("heading", { name: "Your role cannot open this page" }),
          ).toBeVisible();
          await expect(page.getByRole("link", { name: "Go to your start page" })).toBeVisible();
        });
      }
      if (email.startsWith("operator")) await shot(page, "forbidden");
    });
  }

  test("user.list with an operator's session is FORBIDDEN and returns no data", async ({
    page,
    loginAs,
  }) => {
    await loginAs("operator@northwind.test");
    const result = await trpcQuery(page.request, "user.list");
    expect(result.status).toBe(403);
    expect(result.error?.code).toBe("FORBIDDEN");
    expect(result.data).toBeUndefined();
  });

  test("user.list without a session is UNAUTHORIZED", async ({ request }) => {
    const result = await trpcQuery(request, "user.list");
    expect(result.status).toBe(401);
    expect(result.error?.code).toBe("UNAUTHORIZED");
    expect(result.data).toBeUndefined();
  });
});
