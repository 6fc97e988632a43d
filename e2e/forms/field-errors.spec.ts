import type { Locator, Page } from "@playwright/test";
import { card, expect, test, unique } from "../fixtures";

/** The field's own label block, titled `label`: the control, and under it its error. */
const fieldOf = (scope: Locator, label: string) =>
  scope.locator("label").filter({ has: scope.page().getByText(label, { exact: true }) });

/** Counts the tRPC calls of one procedure the page makes. */
function callsTo(page: Page, procedure: string) {
  const calls: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/trpc/") && r.url().includes(procedure))
      calls.push(r.url());
  });
  return calls;
}

test.describe("forms say what is wrong next to the field", () => {
  test("the browser checks the schema before asking the server", async ({ page, loginAs }) => {
    await loginAs("supervisor@northwind.test");
    const creates = callsTo(page, "vendor.create");
    await page.goto("/vendors");
    await page.getByRole("button", { name: "Add vendor" }).click();
    const dialog = page.getByRole("dialog", { name: "Add vendor" });
    await dialog.getByLabel("E-mail").fill("not an address");
    await dialog.getByRole("button", { name: "Add vendor" }).click();

    const name = fieldOf(dialog, "Vendor name");
    await expect(name.getByRole("alert")).toHaveText("Name the vendor");
    await expect(dialog.getByLabel("Vendor name")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByLabel("Vendor name")).toBeFocused();
    const email = fieldOf(dialog, "E-mail");
    await expect(email.getByRole("alert")).toHaveText("Enter the vendor's e-mail address");
    await expect(dialog.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
    await expect(
      dialog.getByRole("alert").filter({ hasText: "Some fields need attention" }),
    ).toBeVisible();
    // a valid field is not marked
    await expect(dialog.getByLabel("Contact name")).not.toHaveAttribute("aria-invalid", "true");

    // fixing a field clears its error as you type
    await dialog.getByLabel("Vendor name").fill("Anything");
    await expect(name.getByRole("alert")).toHaveCount(0);
    await expect(dialog.getByLabel("Vendor name")).not.toHaveAttribute("aria-invalid", "true");
    expect(creates).toEqual([]);
  });

  test("a server conflict marks the field it is about", async ({ page, loginAs }) => {
    await loginAs("supervisor@northwind.test");
    await page.goto("/vendors");
    await page.getByRole("button", { name: "Add vendor" }).click();
    const dialog = page.getByRole("dialog", { name: "Add vendor" });
    await dialog.getByLabel("Vendor name").fill("Coolair HVAC");
    await dialog.getByLabel("E-mail").fill(`desk.${unique()}@coolair.test`);
    await dialog.getByRole("button", { name: "Add vendor" }).click();

    const name = fieldOf(dialog, "Vendor name");
    await expect(name.getByRole("alert")).toHaveText(
      "There is already a vendor called Coolair HVAC",
    );
    await expect(dialog.getByLabel("Vendor name")).toHaveAttribute("aria-invalid", "true");
    await expect(fieldOf(dialog, "E-mail").getByRole("alert")).toHaveCount(0);
    await expect(dialog).toBeVisible();

    // another name goes through
    await dialog.getByLabel("Vendor name").fill(`Coolair Rival ${unique()}`);
    await expect(name.getByRole("alert")).toHaveCount(0);
    await dialog.getByRole("button", { name: "Add vendor" }).click();
    await expect(dialog).toBeHidden();
  });

  test("a taken e-mail is shown on the e-mail field of a new user", async ({ page, loginAs }) => {
    await loginAs("admin@northwind.test");
    await page.goto("/admin/users");
    await page.getByRole("button", { name: "New user" }).click();
    const form = card(page, "New user");
    await form.getByLabel("Name").fill(`E2E Twin ${unique()}`);
    await form.getByLabel("E-mail").fill("operator@northwind.test");
    await form.getByLabel("Initial password").fill("a-long-enough-password");
    await form.getByRole("button", { name: "Create user" }).click();

    await expect(fieldOf(form, "E-mail").getByRole("alert")).toHaveText(
      "A user with the e-mail operator@northwind.test already exists",
    );
    await expect(form.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByLabel("E-mail")).toBeFocused();
    await expect(fieldOf(form, "Name").getByRole("alert")).toHaveCount(0);
  });
});
