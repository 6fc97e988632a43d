import {
  card,
  expect,
  shot,
  signIn,
  test,
  trpcMutation,
  trpcQuery,
  unique,
  type TrpcResult,
} from "../fixtures";

const ok = <T>(r: TrpcResult<T>): T => {
  expect(r.error).toBeUndefined();
  return r.data as T;
};

test.describe("NOC false alarms by site", () => {
  test("an operator opens the panel, sees a site's rate update live, and filters the queue to it", async ({
    page,
    loginAs,
    browser,
  }) => {
    // A site of its own, so other tests resolving alerts never move its figures: 7 low-priority
    // alerts, 5 of them resolved as false alarms or duplicates (100%, "5 of 5").
    const admin = await browser.newContext();
    const name = `False alarm yard ${unique()}`;
    let ids: string[] = [];
    try {
      await signIn(admin, "admin@northwind.test");
      const sites = ok(
        await trpcQuery<{ name: string; clientId: string }[]>(admin.request, "site.list", {}),
      );
      const acme = sites.find((s) => s.name === "Acme Newark Port");
      expect(acme).toBeTruthy();
      const site = ok(
        await trpcMutation<{ id: string }>(admin.request, "site.create", {
          clientId: acme?.clientId,
          name,
          timeZone: "America/New_York",
          latitude: 40.7,
          longitude: -74.1,
          geofenceRadiusM: 200,
          criticality: 1,
        }),
      );
      ids = [];
      for (let i = 0; i < 7; i++) {
        const created = await trpcMutation<{ id: string }>(admin.request, "alert.create", {
          siteId: site.id,
          type: "LOW_BATTERY",
          severity: "info",
          title: `Door sensor battery low ${i + 1}, ${name}`,
          // one alert each: without it the same type at the same site counts occurrences
          fingerprint: `${name} sensor ${i + 1}`,
        });
        ids.push(ok(created).id);
      }
      ok(
        await trpcMutation(admin.request, "alert.resolve", {
          ids: ids.slice(0, 3),
          resolution: "false_alarm",
        }),
      );
      ok(
        await trpcMutation(admin.request, "alert.resolve", {
          ids: ids.slice(3, 5),
          resolution: "duplicate",
        }),
      );

      await loginAs("operator@northwind.test");
      await page.goto("/noc");
      await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", {
        timeout: 15_000,
      });
      const toggle = page.getByRole("button", { name: "False alarms by site" });
      await expect(toggle).toHaveAttribute("aria-expanded", "false");
      await toggle.click();
      await expect(toggle).toHaveAttribute("aria-expanded", "true");
      const panel = card(page, "False alarms by site");
      await expect(panel).toContainText("at least 5 resolved alerts");
      const ranked = panel.getByRole("list", { name: "False-alarm rate by site" });
      const mine = ranked.getByRole("button", { name: new RegExp(name) });
      await expect(mine).toContainText("100%");
      await expect(mine).toContainText("5 of 5");
      await expect(mine).toContainText("Acme");

      // resolving another one as a false alarm elsewhere shows here without a reload
      ok(
        await trpcMutation(admin.request, "alert.resolve", {
          ids: [ids[5]],
          resolution: "false_alarm",
        }),
      );
      await expect(mine).toContainText("6 of 6", { timeout: 10_000 });
      await shot(page, "noc-false-alarms");

      await mine.click();
      await expect(page).toHaveURL(new RegExp(`[?&]site=${site.id}(&|$)`));
      await expect(mine).toHaveAttribute("aria-pressed", "true");
      const rows = page.getByRole("table", { name: "Alert queue" }).locator("tbody tr");
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(`Door sensor battery low 7, ${name}`);
      await expect(page.getByText(`Site: ${name}`)).toBeVisible();

      // the filter survives a reload (it lives in the URL) and clears from its chip
      await page.reload();
      await expect(rows).toHaveCount(1);
      await page.getByRole("button", { name: "Show every site" }).click();
      await expect(page).not.toHaveURL(/[?&]site=/);
      await expect(rows.first()).toBeVisible();
      expect(await rows.count()).toBeGreaterThan(1);
    } finally {
      // leave the shared queue as it was: the remaining open alert is resolved
      if (ids[6])
        await trpcMutation(admin.request, "alert.resolve", { ids: [ids[6]], resolution: "manual" });
      await admin.close();
    }
  });
});
