import { expect, shot, test, trpcMutation, trpcQuery, unique } from "../fixtures";

test.describe("audit log", () => {
  test("an admin filters by person, kind and text, keeps the filters in the URL, and exports them as CSV", async ({
    page,
    loginAs,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs("admin@northwind.test");
    // a work order of this test's own, so the log has one to find whatever ran before
    const sites = await trpcQuery<{ id: string }[]>(page.request, "site.list", {});
    const created = await trpcMutation<{ id: string }>(page.request, "workOrder.create", {
      siteId: sites.data?.[0]?.id,
      title: `Audit trail ${unique()}`,
      description: "Door closer leaks oil.",
      category: "general",
      priority: "low",
    });
    expect(created.error).toBeUndefined();
    await page.goto("/admin/audit");
    const table = page.getByRole("table", { name: "Audit log" });
    await expect(table.locator("tbody tr").first()).toBeVisible();
    // the simulator is hidden by default
    await expect(page.getByRole("checkbox", { name: "Hide the demo simulator" })).toBeChecked();
    await expect(table.getByText("job demo-simulator")).toHaveCount(0);

    await page.getByRole("combobox", { name: "Entity type" }).selectOption("work_order");
    await expect(page).toHaveURL(/[?&]type=work_order/);
    const first = table.locator("tbody tr").first();
    await expect(first).toContainText("Work order");
    // names, not ids, with a link to the order
    await expect(first.getByRole("link", { name: /^#\d+ / })).toHaveAttribute(
      "href",
      /^\/work-orders\?order=/,
    );
    await shot(page, "audit-1440");

    await page.getByRole("searchbox", { name: "Search the log" }).fill("create");
    await page.getByRole("searchbox", { name: "Search the log" }).press("Enter");
    await expect(page).toHaveURL(/[?&]q=create/);
    await page.reload();
    await expect(page.getByRole("combobox", { name: "Entity type" })).toHaveValue("work_order");
    await expect(page.getByRole("searchbox", { name: "Search the log" })).toHaveValue("create");

    const exportLink = page.getByRole("link", { name: "Export CSV" });
    const href = (await exportLink.getAttribute("href")) ?? "";
    expect(href).toContain("entityType=work_order");
    const res = await page.request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/csv");
    const csv = await res.text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("When (UTC),Who,Kind,Action,About,Entity id,Changes");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes("Work order"))).toBe(true);
  });

  test("a person filter, and the page at phone width", async ({ page, loginAs }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs("admin@northwind.test");
    await page.goto("/admin/audit?who=kind%3Asystem&sim=show");
    await expect(page.getByRole("combobox", { name: "Who" })).toHaveValue("kind:system");
    await expect(page.getByRole("checkbox", { name: "Hide the demo simulator" })).not.toBeChecked();
    await shot(page, "audit-390");
  });

  test("an operator may not export the log", async ({ page, loginAs }) => {
    await loginAs("operator@northwind.test");
    const res = await page.request.get("/api/audit/export");
    expect(res.status()).toBe(403);
  });
});
