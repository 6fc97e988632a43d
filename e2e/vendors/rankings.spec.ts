import type { Page } from "@playwright/test";
import { expect, shot, test, trpcQuery, unique } from "../fixtures";

const rankings = (page: Page) => page.getByRole("table", { name: "Vendor rankings" });
const rowOf = (page: Page, vendor: string) =>
  rankings(page).locator("tbody tr").filter({ hasText: vendor });

async function openVendors(page: Page, search = "") {
  await page.goto(`/vendors${search}`);
  await expect(page.getByRole("heading", { name: "Vendors", level: 1 })).toBeVisible();
  await expect(rankings(page).locator("tbody tr").first()).toBeVisible();
}

test.describe("vendor rankings", () => {
  test("a supervisor reads the rankings by rank with their components, changes the period and drills into a vendor", async ({
    page,
    loginAs,
  }) => {
    await loginAs("supervisor@northwind.test");
    await openVendors(page);
    await expect(page.getByText(/only work orders for Silver and Gold clients/)).toBeVisible();
    const table = rankings(page);
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(5);

    // sorted by rank, scores with their uncertainty, weights in the headings
    const ranks = (await rows.locator("td:nth-child(1)").allInnerTexts()).map(Number);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks[0]).toBe(1);
    await expect(rows.first().locator("td").nth(2)).toHaveText(/^\d+ ± \d+/);
    await expect(table.getByRole("columnheader", { name: "SLA 40%" })).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "Rework 10%" })).toBeVisible();
    // component bars, each with its number
    await expect(
      rows
        .first()
        .getByRole("img", { name: /^SLA \d+/ })
        .first(),
    ).toBeVisible();
    await expect(
      rows
        .first()
        .getByRole("img", { name: /^Quality \d+/ })
        .first(),
    ).toBeVisible();
    await expect(rowOf(page, "Keystone Access").getByText("Do not dispatch")).toBeVisible();

    // a year: the vendor with three jobs is ranked but flagged as unreliable
    await page
      .getByRole("group", { name: "Period" })
      .getByRole("button", { name: "365 days" })
      .click();
    await expect(page).toHaveURL(/[?&]days=365/);
    await expect(page.getByRole("heading", { name: "Rankings, last 365 days" })).toBeVisible();
    const argus = rowOf(page, "Argus Camera Systems");
    await expect(argus.getByText("Few orders · unreliable")).toBeVisible();
    await expect(argus.locator("td").last()).toHaveText(/^(▲ \d+|▼ \d+|=|new)/);
    await expect(rowOf(page, "Coolair HVAC").getByText("Few orders")).toHaveCount(0);
    // every column fits a 1280 px screen without scrolling sideways
    const scroll = page.getByTestId("rankings-scroll");
    expect(await scroll.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await shot(page, "vendors-rankings-desktop");

    // drill down: the trend, contact and documents; the selection lives in the URL
    await rowOf(page, "Coolair HVAC").getByRole("button", { name: "Coolair HVAC" }).click();
    await expect(page).toHaveURL(/[?&]vendor=[0-9a-f-]{36}/);
    await expect(page).toHaveURL(/[?&]days=365/);
    await expect(rowOf(page, "Coolair HVAC")).toHaveAttribute("aria-selected", "true");
    const panel = page.getByRole("region", { name: "Vendor Coolair HVAC" });
    await expect(panel.getByRole("figure", { name: "Score trend" })).toBeVisible();
    await expect(panel.getByRole("figure", { name: "Score trend" })).toContainText(
      /\d+ orders over 6 months/,
    );
    await expect(panel.locator(".recharts-line").first()).toBeVisible();
    await expect(panel.getByRole("region", { name: "Contact" })).toContainText("@coolairhvac.test");
    await expect(panel.getByRole("region", { name: "Compliance documents" })).toContainText(
      "Public liability insurance",
    );
    await expect(panel.getByRole("link", { name: /Work orders/ })).toHaveAttribute(
      "href",
      /^\/work-orders\?vendorId=[0-9a-f-]{36}&all=1$/,
    );
    await shot(page, "vendors-detail-desktop");

    await page.reload();
    await expect(
      page.getByRole("region", { name: "Vendor Coolair HVAC" }).getByRole("figure", {
        name: "Score trend",
      }),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: "Rankings, last 365 days" })).toBeVisible();
  });

  test("a supervisor adds a vendor and an expired document: the vendor becomes do-not-dispatch", async ({
    page,
    loginAs,
  }) => {
    await loginAs("supervisor@northwind.test");
    await openVendors(page);
    await page.getByRole("button", { name: "Add vendor" }).click();
    const dialog = page.getByRole("dialog", { name: "Add vendor" });
    await dialog.getByRole("button", { name: "Add vendor" }).click();
    await expect(dialog.getByText("Name the vendor")).toBeVisible();
    await expect(dialog.getByText("Enter the vendor's e-mail address")).toBeVisible();

    const name = `Lapsed Glazing ${unique()}`;
    await dialog.getByLabel("Vendor name").fill(name);
    await dialog.getByLabel("Contact name").fill("Gail Glazier");
    await dialog.getByLabel("E-mail").fill("desk@lapsed.test");
    await dialog.getByLabel("General").check();
    await dialog.getByRole("button", { name: "Add vendor" }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/[?&]vendor=[0-9a-f-]{36}/);
    const panel = page.getByRole("region", { name: `Vendor ${name}` });
    await expect(panel).toContainText("Not ranked: no completed orders");
    await expect(panel.getByRole("region", { name: "Contact" })).toContainText("Gail Glazier");
    await expect(panel.getByText("Do not dispatch")).toHaveCount(0);

    const form = panel.getByRole("form", { name: "Add document" });
    await form.getByRole("button", { name: "Add document" }).click();
    await expect(form.getByText("Name the document")).toBeVisible();
    await expect(form.getByText("Use a date like 2027-03-31")).toBeVisible();
    await form.scrollIntoViewIfNeeded();
    await shot(page, "vendors-document-errors");
    await form.getByLabel("Kind").selectOption("insurance");
    await form.getByLabel("Document name").fill("Glass liability cover");
    await form.getByLabel("Expires on").fill("2024-01-31");
    await form.getByRole("button", { name: "Add document" }).click();
    const docs = panel.getByRole("region", { name: "Compliance documents" });
    await expect(
      docs.getByRole("listitem").filter({ hasText: "Glass liability cover" }),
    ).toContainText("Expired");
    await expect(panel.getByText("Do not dispatch")).toBeVisible();
    await docs.scrollIntoViewIfNeeded();
    await shot(page, "vendors-document-expired");
    await expect(
      page.getByRole("listitem").filter({ hasText: name }).getByText("Do not dispatch"),
    ).toBeVisible();
  });

  test("an executive sees the rankings and a trend but no contacts or editing", async ({
    page,
    loginAs,
  }) => {
    await loginAs("executive@northwind.test");
    await openVendors(page);
    await expect(page.getByRole("button", { name: "Add vendor" })).toHaveCount(0);
    await rowOf(page, "Coolair HVAC").getByRole("button", { name: "Coolair HVAC" }).click();
    const panel = page.getByRole("region", { name: "Vendor Coolair HVAC" });
    await expect(panel.getByRole("figure", { name: "Score trend" })).toBeVisible();
    await expect(panel).toContainText("Contacts and compliance documents are shown to");
    await expect(panel.getByRole("form", { name: "Add document" })).toHaveCount(0);
    await expect(panel.getByRole("region", { name: "Contact" })).toHaveCount(0);
    // the executive cannot open work orders, so the panel does not link there (it led to a 403)
    await expect(panel.getByRole("link", { name: "Work orders →" })).toHaveCount(0);
    const add = await trpcQuery(page.request, "vendor.list");
    expect(add.error?.code).toBe("FORBIDDEN");
  });

  test("on a phone the rankings collapse to rank, vendor and score, and the panel opens above", async ({
    page,
    loginAs,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs("supervisor@northwind.test");
    await openVendors(page);
    const first = rankings(page).locator("tbody tr").first();
    await expect(first.getByRole("img", { name: /^SLA \d+/ })).toBeVisible();
    await expect(first).toContainText(/\d+ orders/);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, "vendors-phone");
    await first.getByRole("button").first().click();
    await expect(page.getByRole("figure", { name: "Score trend" })).toBeInViewport();
    await shot(page, "vendors-phone-detail");
  });

  test("an operator may not open the vendors page", async ({ page, loginAs }) => {
    await loginAs("operator@northwind.test");
    await page.goto("/vendors");
    await expect(
      page.getByRole("heading", { name: "Your role cannot open this page" }),
    ).toBeVisible();
    await expect(page.getByRole("table", { name: "Vendor rankings" })).toHaveCount(0);
  });
});
