import { bellShowsUnread, card, expect, shot, test, trySignIn, unique } from "../fixtures";

test.describe("admin: users", () => {
  test.beforeEach(async ({ page, loginAs }) => {
    await loginAs("admin@northwind.test");
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  });

  test("create a user, change its role, deactivate it", async ({ page, browser }) => {
    const suffix = unique();
    const name = `E2E Person ${suffix}`;
    const email = `e2e.${suffix}@northwind.test`;
    const password = `pw-${suffix}-long`;

    await page.getByRole("button", { name: "New user" }).click();
    const form = card(page, "New user");
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("E-mail").fill(email);
    await form.getByLabel("Role").selectOption({ label: "Specialist" });
    await form.getByLabel("Initial password").fill(password);
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(form).toBeHidden();

    const row = page.getByRole("table", { name: "Users" }).getByRole("row").filter({
      hasText: email,
    });
    await expect(row).toBeVisible();
    await expect(row).toContainText(name);
    await expect(row).toContainText("Specialist");
    await expect(row).toContainText("Active");
    await expect(row).toContainText("never signed in");
    await bellShowsUnread(page);
    await shot(page, "admin-users");

    await test.step("the new user can sign in", async () => {
      const other = await browser.newContext();
      expect(await trySignIn(other, email, password)).toEqual({ ok: true });
      await other.close();
    });

    await row.getByRole("button", { name: `Edit ${name}` }).click();
    const edit = card(page, `Edit ${name}`);
    await expect(edit.getByLabel("Name")).toHaveValue(name);
    await edit.getByLabel("Role").selectOption({ label: "Supervisor" });
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit.getByRole("status")).toHaveText("Saved.");
    await expect(row).toContainText("Supervisor");

    await edit.getByRole("button", { name: "Deactivate" }).click();
    await expect(row).toContainText("Deactivated");
    await expect(edit.getByRole("button", { name: "Reactivate" })).toBeVisible();

    const history = edit.getByRole("list", { name: "History" });
    const entries = history.getByRole("listitem");
    await expect(entries.filter({ hasText: /^user\.create by Alex Admin/ })).toHaveCount(1);
    await expect(entries.filter({ hasText: /^user\.update by Alex Admin/ })).toHaveCount(2);
    await expect(entries.filter({ hasText: /^role:\s*specialist\s+supervisor$/ })).toHaveCount(1);
    await expect(entries.filter({ hasText: /^active:\s*true\s+false$/ })).toHaveCount(1);
    await bellShowsUnread(page);
    await shot(page, "admin-users-edit");

    await test.step("the deactivated user can no longer sign in", async () => {
      const other = await browser.newContext();
      expect((await trySignIn(other, email, password)).ok).toBe(false);
      await other.close();
    });
  });

  test("a password that is too short shows a field error", async ({ page }) => {
    const suffix = unique();
    await page.getByRole("button", { name: "New user" }).click();
    const form = card(page, "New user");
    await form.getByLabel("Name").fill(`E2E Short ${suffix}`);
    await form.getByLabel("E-mail").fill(`e2e.short.${suffix}@northwind.test`);
    await form.getByLabel("Initial password").fill("abc");
    await form.getByRole("button", { name: "Create user" }).click();

    await expect(
      form.getByRole("alert").filter({ hasText: "Use at least 10 characters" }),
    ).toBeVisible();
    await expect(form.getByLabel("Initial password")).toHaveAttribute("aria-invalid", "true");
    await expect(
      form.getByRole("alert").filter({ hasText: "Some fields need attention" }),
    ).toBeVisible();
    // Nothing was created.
    await expect(page.getByRole("table", { name: "Users" })).not.toContainText(
      `e2e.short.${suffix}`,
    );
  });
});
