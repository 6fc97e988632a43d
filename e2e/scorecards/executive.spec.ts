import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { monthLabel } from "@/lib/scorecard-format";
import { expect, shot, signIn, test, trpcQuery } from "../fixtures";

/** The month before now (UTC), the newest one the demo seed generated. */
function lastMonth(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

const grid = (page: Page) => page.getByRole("table", { name: "Scorecards by client and month" });
const tile = (page: Page, label: string) =>
  page.getByRole("button", { name: new RegExp(`^${label}`) });

async function openAcme(page: Page, month: string) {
  await page.goto("/scorecards");
  await expect(page.getByRole("heading", { name: "Scorecards", level: 1 })).toBeVisible();
  await grid(page)
    .getByRole("link", {
      name: new RegExp(`^Acme Logistics, ${monthLabel(month)}: (red|amber|green)$`),
    })
    .click();
  await expect(
    page.getByRole("heading", { name: `Acme Logistics — ${monthLabel(month)}`, level: 1 }),
  ).toBeVisible();
}

test.describe("executive scorecards", () => {
  test("an executive opens the grid of their clients, a month, drills into attendance and downloads the PDF", async ({
    page,
    loginAs,
  }, testInfo) => {
    test.slow(); // a PDF rendered and converted twice on top of the pages
    const month = lastMonth();
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs("executive@northwind.test");
    await page.goto("/scorecards");
    // only their two clients, each month with a status in words
    const rows = grid(page).locator("tbody tr");
    await expect(rows).toHaveCount(2);
    await expect(rows.locator("td:first-child")).toHaveText([
      "Acme Logistics",
      "Summit Data Centers",
    ]);
    await shot(page, "scorecards-grid");

    await openAcme(page, month);
    await expect(page.getByRole("heading", { name: "What changed" })).toBeVisible();
    // an executive reads; account managers regenerate
    await expect(page.getByRole("button", { name: "Regenerate" })).toHaveCount(0);

    // attendance is measured from the shifts; its records are the shifts behind the number
    const attendance = tile(page, "Attendance compliance");
    const value = (await attendance.locator("[data-kpi=attendance_pct]").innerText()).trim();
    expect(value).toMatch(/^\d+(\.\d)? %$/);
    await shot(page, "scorecard-month");
    await attendance.click();
    await expect(attendance).toHaveAttribute("aria-pressed", "true");
    const heading = page.getByRole("heading", { name: /^Attendance compliance: \d+ shifts$/ });
    await expect(heading).toBeVisible();
    const count = Number(/: (\d+) shifts/.exec(await heading.innerText())?.[1]);
    const records = page.getByRole("table", { name: "Records behind Attendance compliance" });
    await expect(records.locator("tbody tr")).toHaveCount(count);
    const missed = await records.locator("tbody tr td strong").count();
    // the rows shown are exactly the ones the KPI counted
    expect(`${Math.round((1000 * (count - missed)) / count) / 10} %`).toBe(value);
    await heading.scrollIntoViewIfNeeded();
    const drillShot = testInfo.outputPath("scorecard-drill.png");
    await page.screenshot({ path: drillShot });
    await testInfo.attach("scorecard-drill", { path: drillShot, contentType: "image/png" });

    // the PDF: same numbers as the screen, page numbers, rendered to an image by pdftoppm
    const sla = (await page.locator("[data-kpi=sla_met_pct]").innerText()).trim();
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download PDF" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`scorecard-Acme-Logistics-${month}.pdf`);
    const pdf = testInfo.outputPath("scorecard.pdf");
    await download.saveAs(pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
    const png = path.join(testInfo.outputDir, "scorecard-page");
    execFileSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, png]);
    expect(existsSync(`${png}.png`)).toBe(true);
    await testInfo.attach("scorecard-page-1", { path: `${png}.png`, contentType: "image/png" });
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"]).toString().replace(/\s+/g, " ");
    expect(text).toContain("Acme Logistics");
    expect(text).toContain(monthLabel(month));
    expect(text).toContain(`Attendance compliance ${value}`);
    expect(text).toContain(sla.replace(/\s+/g, " "));
    expect(text).toMatch(/Page 1 of \d+/);
  });

  test("an executive cannot open another client's scorecard, PDF or records", async ({
    page,
    browser,
    loginAs,
  }) => {
    const month = lastMonth();
    // the admin sees every client: find one outside the executive's scope
    const admin = await browser.newContext();
    await signIn(admin, "admin@northwind.test");
    const all = await trpcQuery<{ clients: { id: string; name: string }[] }>(
      admin.request,
      "scorecard.grid",
      { months: 1 },
    );
    const harbor = all.data?.clients.find((c) => c.name === "Harbor Health");
    expect(harbor).toBeTruthy();
    await admin.close();

    await loginAs("executive@northwind.test");
    const pdf = await page.request.get(`/api/scorecards/${harbor?.id}/${month}/pdf`);
    expect(pdf.status()).toBe(404);
    const drill = await trpcQuery(page.request, "scorecard.drill", {
      clientId: harbor?.id,
      month,
      kpi: "attendance_pct",
    });
    expect(drill.error?.code).toBe("NOT_FOUND");
    expect(drill.data).toBeUndefined();
    await page.goto(`/scorecards/${harbor?.id}/${month}`);
    await expect(page.getByText(/not found/i).first()).toBeVisible();
    await expect(page.getByRole("button", { name: /^Attendance compliance/ })).toHaveCount(0);
  });

  test("on a phone, the month reads top to bottom", async ({ page, loginAs }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs("executive@northwind.test");
    await openAcme(page, lastMonth());
    await expect(tile(page, "SLA performance")).toBeVisible();
    await shot(page, "scorecard-month-phone");
  });
});
