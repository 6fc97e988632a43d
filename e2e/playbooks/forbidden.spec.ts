import { expect, signIn, test, trpcMutation, trpcQuery, unique } from "../fixtures";
import { goldSite } from "./helpers";

const FORBIDDEN = "Your role cannot open this page";

test.describe("Playbooks: who may not edit", () => {
  test("a supervisor sees the list and its kill switches but cannot open the editor", async ({
    page,
    browser,
    loginAs,
  }) => {
    // a playbook to look at, made by an admin
    const admin = await browser.newContext();
    await signIn(admin, "admin@northwind.test");
    const site = await goldSite(admin.request, 2);
    const name = `Read only ${unique()}`;
    const made = await trpcMutation<{ id: string }>(admin.request, "playbook.create", {
      name,
      enabled: false,
      definition: {
        trigger: { alertTypes: ["TOUR_MISSED"], minSeverity: "high", siteIds: [site.id] },
        steps: [{ kind: "collect_diagnostics", lookbackHours: 24 }],
      },
    });
    await admin.close();
    const id = made.data?.id;
    if (!id) throw new Error(`playbook not created: ${JSON.stringify(made.error)}`);

    await loginAs("supervisor@northwind.test");
    await page.goto("/playbooks");
    const item = page.getByRole("article", { name });
    await expect(item).toBeVisible();
    // no editor link, no enable switch; the kill switch is a supervisor's safety stop
    await expect(item.getByRole("link", { name })).toHaveCount(0);
    await expect(item.getByRole("switch")).toHaveCount(0);
    await expect(item.getByRole("button", { name: "Kill switch" })).toBeVisible();
    await expect(page.getByRole("link", { name: "New playbook" })).toHaveCount(0);

    for (const path of ["/playbooks/new", `/playbooks/${id}`]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: FORBIDDEN })).toBeVisible();
      await expect(page.getByLabel("Name")).toHaveCount(0);
    }
    // and the server refuses the calls behind the editor
    const update = await trpcMutation(page.request, "playbook.update", {
      id,
      name: `${name} changed`,
      definition: {
        trigger: { alertTypes: ["TOUR_MISSED"], minSeverity: "high" },
        steps: [{ kind: "escalate" }],
      },
    });
    expect(update.error?.code).toBe("FORBIDDEN");
    const enable = await trpcMutation(page.request, "playbook.setEnabled", { id, enabled: true });
    expect(enable.error?.code).toBe("FORBIDDEN");
  });

  test("a specialist cannot open the playbooks pages at all", async ({ page, loginAs }) => {
    await loginAs("specialist@northwind.test");
    const response = await page.goto("/playbooks");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: FORBIDDEN })).toBeVisible();
    const list = await trpcQuery(page.request, "playbook.list");
    expect(list.error?.code).toBe("FORBIDDEN");
    expect(list.data).toBeUndefined();
  });
});
