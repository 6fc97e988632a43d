import { expect, shot, test, trpcQuery } from "../fixtures";

type Listed = { id: string; name: string; lastRuns: { id: string; alertId: string }[] };

/**
 * The playbooks pages as their users see them, at a desk (1440 px) and on a phone (390 px),
 * with the demo's playbooks and run history: each page must render without overflowing.
 */
for (const [label, width] of [
  ["desktop", 1440],
  ["phone", 390],
] as const) {
  test.describe(`Playbooks pages, ${label}`, () => {
    test.use({ viewport: { width, height: label === "phone" ? 844 : 1000 } });

    test(`list, editor and run detail at ${width} px`, async ({ page, loginAs }) => {
      await loginAs("admin@northwind.test");
      const list = await trpcQuery<Listed[]>(page.request, "playbook.list");
      const withRuns = (list.data ?? []).find((p) => p.lastRuns.length > 0);
      const first = withRuns ?? list.data?.[0];
      if (!first) throw new Error("the demo has no playbooks");

      await page.goto("/playbooks");
      await expect(page.getByRole("article").first()).toBeVisible();
      await shot(page, `playbooks-list-${width}`);

      await page.goto(`/playbooks/${first.id}`);
      await expect(page.getByRole("heading", { name: first.name, level: 1 })).toBeVisible();
      await shot(page, `playbook-editor-${width}`);

      await page.goto("/playbooks/new");
      await expect(page.getByLabel("Name")).toBeVisible();
      await shot(page, `playbook-new-${width}`);

      const run = withRuns?.lastRuns[0];
      if (run) {
        await page.goto(`/playbooks/runs/${run.id}`);
        await expect(page.getByRole("list", { name: "Run steps" })).toBeVisible();
        await shot(page, `playbook-run-${width}`);
        await page.goto(`/noc?alert=${run.alertId}`);
        await expect(page.getByRole("heading", { name: "Playbook runs" })).toBeVisible();
        await shot(page, `noc-alert-runs-${width}`);
      }
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
}
