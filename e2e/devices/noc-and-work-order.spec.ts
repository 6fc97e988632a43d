import { expect, shot, test, trpcQuery } from "../fixtures";
import { failingDevice } from "./helpers";

type Detail = { alerts: { id: string; type: string }[] };

test.describe("device context in the NOC and the one-click work order", () => {
  test("an operator opens a DEVICE_FAILURE alert and sees the device section", async ({
    page,
    loginAs,
  }) => {
    await loginAs("operator@northwind.test");
    const device = await failingDevice(page.request);
    const detail = await trpcQuery<Detail>(page.request, "device.get", { id: device.id });
    const alert = detail.data?.alerts.find((a) => a.type === "DEVICE_FAILURE");
    expect(alert, "the failing device has a DEVICE_FAILURE alert").toBeTruthy();
    await page.goto(`/noc?alert=${alert?.id}`);
    const section = page
      .locator("section")
      .filter({ has: page.getByRole("heading", { name: "Device", exact: true, level: 3 }) })
      .last();
    await expect(section.getByRole("link", { name: device.name })).toHaveAttribute(
      "href",
      `/devices/${device.id}`,
      { timeout: 20_000 },
    );
    await expect(section.getByRole("list", { name: "Score components" })).toBeVisible();
    await expect(section.getByRole("figure", { name: /last 24 h$/ })).toBeVisible();
    await expect(section.getByText(/within the hour/).first()).toBeVisible();
    await expect(section.getByText("Recommended:")).toBeVisible();
    // operators do not manage work orders: no button that would be refused
    await expect(section.getByRole("button", { name: "Create work order" })).toHaveCount(0);
    await shot(page, "devices-noc-section");
  });

  test("a supervisor creates a work order from a recommendation in one click", async ({
    page,
    loginAs,
  }) => {
    await loginAs("supervisor@northwind.test");
    const device = await failingDevice(page.request);
    await page.goto(`/devices/${device.id}`);
    await expect(page.getByText("Recommended:")).toBeVisible();
    // the run checks every hour; the row, and the reasons' figures, change only with the health
    await expect(page.getByText(/^checked /)).toBeVisible();
    await expect(page.getByText(/^health changed /)).toBeVisible();
    await expect(page.getByText(/^Figures as of /)).toBeVisible();
    await shot(page, "devices-device-page");
    await page.getByRole("button", { name: "Create work order" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a work order?" });
    await expect(dialog).toContainText(device.name);
    await dialog.getByRole("button", { name: "Create work order" }).click();
    const status = page.getByRole("status").filter({ hasText: /^Work order #\d+/ });
    await expect(status).toHaveText(/(created|was already open)$/);
    const link = status.getByRole("link");
    await expect(link).toHaveAttribute("href", /^\/work-orders\?order=[0-9a-f-]{36}$/);
    const number = (await link.innerText()).replace("#", "");
    // the device page lists it, and the work order carries the diagnostics
    const orders = page.locator("section").filter({
      has: page.getByRole("heading", { name: "Work orders", level: 2 }),
    });
    await expect(orders.getByRole("link", { name: `#${number}` })).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(/\/work-orders\?order=/);
    await expect(page.getByText(/Health score \d+ \(battery/).first()).toBeVisible();
  });
});
