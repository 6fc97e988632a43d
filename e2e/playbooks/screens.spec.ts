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

      const fits = async (what: string) =>
        expect(
          await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          ),
          `${what} is wider than the screen`,
        ).toBeLessThanOrEqual(0);

      await page.goto("/playbooks");
      await expect(page.getByRole("article").first()).toBeVisible();
      await shot(page, `playbooks-list-${width}`);
      await fits("the list");

      await page.goto(`/playbooks/${first.id}`);
      await expect(page.getByRole("heading", { name: first.name, level: 1 })).toBeVisible();
      await shot(page, `playbook-editor-${width}`);
      await fits("the editor");

      await page.goto("/playbooks/new");
      await expect(page.getByLabel("Name")).toBeVisible();
      await shot(page, `playbook-new-${width}`);
      await fits("a new playbook");

      const run = withRuns?.lastRuns[0];
      if (run) {
        await page.goto(`/playbooks/runs/${run.id}`);
        await expect(page.getByRole("list", { name: "Run steps" })).toBeVisible();
        await shot(page, `playbook-run-${width}`);
        await fits("the run");
        // the NOC's alert panel with its runs section (the queue page is the NOC's own)
        await page.goto(`/noc?alert=${run.alertId}`);
        const runs = page.getByRole("region", { name: "Playbook runs" });
        await expect(runs.getByRole("list", { name: "Run steps" }).first()).toBeVisible();
        const box = await runs.boundingBox();
        expect(box && box.x + box.width).toBeLessThanOrEqual(width);
        await shot(page, `noc-alert-runs-${width}`);
      }
    });
  });
}
