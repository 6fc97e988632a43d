import { expect, shot, signIn, test, trpcMutation, unique } from "../fixtures";
import { siteNamed } from "./helpers";

test.describe("the fleet page", () => {
  test("shows counts, the histogram and the worst devices, each opening its page", async ({
    page,
    loginAs,
  }) => {
    await loginAs("supervisor@northwind.test");
    await page.goto("/devices");
    await expect(page.getByRole("heading", { name: "Devices", level: 1 })).toBeVisible();
    await expect(page.getByTestId("count-online").getByRole("definition")).toHaveText(/^\d+$/);
    await expect(page.getByRole("figure", { name: "Health scores" })).toBeVisible();
    const worst = page.getByRole("table", { name: "Worst devices" });
    await expect(worst.getByRole("row")).toHaveCount(21);
    const first = worst.getByRole("link").first();
    const name = await first.innerText();
    await first.click();
    // the device page renders on the server first: give a busy machine time
    await expect(page).toHaveURL(/\/devices\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name, { timeout: 20_000 });
    await expect(page.getByRole("figure", { name: "Score trend" })).toBeVisible();
    await expect(page.getByRole("figure", { name: "Signal (7 days)" })).toBeVisible();
  });

  test("updates live as a new device registers and its first telemetry arrives", async ({
    page,
    loginAs,
    browser,
  }) => {
    await loginAs("supervisor@northwind.test");
    // a site and kind no other test touches: the counts here move only with this test's device
    const site = await siteNamed(page.request, "Lakeside Elementary");
    await page.goto(`/devices?site=${site.id}&kind=fire_panel`);
    await expect(page.getByRole("combobox", { name: "Kind" })).toHaveValue("fire_panel");
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", {
      timeout: 15_000,
    });
    await page.evaluate(() => {
      (window as unknown as { __noReload: number }).__noReload = 1;
    });
    const count = (key: string) => page.getByTestId(`count-${key}`).getByRole("definition").first();
    const read = async (key: string) => Number(await count(key).innerText());
    const [total, online, offline] = [
      await read("total"),
      await read("online"),
      await read("offline"),
    ];

    const admin = await browser.newContext();
    try {
      await signIn(admin, "admin@northwind.test");
      const created = await trpcMutation<{ id: string; key: string }>(
        admin.request,
        "device.create",
        {
          siteId: site.id,
          kind: "fire_panel",
          name: `Fire panel e2e ${unique()}`,
          serial: `E2E-${unique()}`,
        },
      );
      expect(created.error).toBeUndefined();
      // registered, never heard from: one more device, offline
      await expect(count("total")).toHaveText(String(total + 1), { timeout: 10_000 });
      await expect(count("offline")).toHaveText(String(offline + 1));

      const res = await admin.request.post("/api/telemetry", {
        headers: { authorization: `Bearer ${created.data?.key}` },
        data: {
          readings: [{ ts: new Date().toISOString(), signal: -61, temperature: 24, online: true }],
        },
      });
      expect(res.status()).toBe(200);
      await expect(count("online")).toHaveText(String(online + 1), { timeout: 10_000 });
      await expect(count("offline")).toHaveText(String(offline));
      expect(
        await page.evaluate(() => (window as unknown as { __noReload?: number }).__noReload),
      ).toBe(1);
      await shot(page, "devices-fleet-live");
    } finally {
      await admin.close();
    }
  });
});
