import { expect, shot, test, unique } from "../fixtures";

test("a supervisor previews and schedules a maintenance window; only admins edit routing", async ({
  page,
  loginAs,
}) => {
  await loginAs("supervisor@northwind.test");
  await page.goto("/noc/rules");
  await expect(
    page.getByRole("heading", { name: "Routing & maintenance", level: 1 }),
  ).toBeVisible();
  const rules = page.getByRole("table", { name: "Routing rules" });
  await expect(rules.getByRole("row").filter({ hasText: "fire alarm" })).toContainText(
    "Emergency Response",
  );
  await expect(page.getByText("Only admins change routing.")).toBeVisible();

  const name = `Panel firmware ${unique()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("checkbox", { name: "Acme Chicago Hub" }).check();
  await expect(page.getByRole("status", { name: "Preview" })).toContainText(
    /Would have held back \d+ alerts? in the last 30 days/,
  );
  await page.getByRole("button", { name: "Schedule window" }).click();
  const list = page.getByRole("list", { name: "Maintenance windows" });
  await expect(list).toContainText(name);
  await expect(list.getByRole("listitem").filter({ hasText: name })).toContainText("active");
  await shot(page, "noc-rules");
  await list.getByRole("button", { name: `Cancel ${name}` }).click();
  await expect(list.getByRole("listitem").filter({ hasText: name })).toContainText("cancelled");
});
