import { expect, shotsAtWidths, test } from "../fixtures";

const SHOTS = "/work/shots/ux2";

test("an operator's start page shows the queue, and a number opens the filtered queue", async ({
  page,
  loginAs,
}) => {
  await loginAs("operator@northwind.test");
  await page.goto("/overview");
  await expect(page.getByRole("heading", { name: "NOC queue", level: 2 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "SLA risks", level: 2 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Scorecards", level: 2 })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Open: \d+$/ })).toBeVisible();
  await page.getByRole("link", { name: /^Not acknowledged: \d+$/ }).click();
  await expect(page).toHaveURL(/\/noc\?status=new$/);
});

test("the operator starts on the overview; overdue and escalated open the queue filtered to them", async ({
  page,
  loginAs,
}) => {
  await loginAs("operator@northwind.test");
  await page.goto("/");
  await expect(page).toHaveURL(/\/overview$/);
  await page.getByRole("link", { name: /^Overdue to acknowledge: \d+$/ }).click();
  await expect(page).toHaveURL(/\/noc\?overdue=1$/);
  await expect(page.getByRole("checkbox", { name: "Overdue to acknowledge" })).toBeChecked();
  await shotsAtWidths(page, "noc-overdue");
  // every row listed waits for acknowledgement
  const states = page.getByRole("table", { name: "Alert queue" }).locator("tbody tr td:last-child");
  for (const state of await states.allInnerTexts()) expect(state.trim()).toBe("new");

  await page.goto("/overview");
  await page.getByRole("link", { name: /^Escalated: \d+$/ }).click();
  await expect(page).toHaveURL(/\/noc\?escalated=1$/);
  await expect(page.getByRole("checkbox", { name: "Escalated" })).toBeChecked();
  const rows = page.getByRole("table", { name: "Alert queue" }).locator("tbody tr");
  for (const row of await rows.all()) await expect(row).toContainText("escalated");
});

test("a supervisor's SLA risks open the SLA list at risk, or breached", async ({
  page,
  loginAs,
}) => {
  await loginAs("supervisor@northwind.test");
  await page.goto("/overview");
  const sla = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "SLA risks" }) });
  await sla.getByRole("link", { name: /^At risk: \d+$/ }).click();
  await expect(page).toHaveURL(/\/sla\?state=at-risk$/);
  await expect(page.getByRole("combobox", { name: "Show" })).toHaveValue("at-risk");
  await shotsAtWidths(page, "sla-at-risk");
  await expect(page.getByRole("heading", { name: "SLA risk", level: 1 })).toBeVisible();
  // the breached tickets' card is left out of the at-risk view
  await expect(page.getByRole("heading", { name: /^Breached: past their/ })).toHaveCount(0);

  await page.goto("/overview");
  await sla.getByRole("link", { name: /^Breached: \d+$/ }).click();
  await expect(page).toHaveURL(/\/sla\?state=breached$/);
  await expect(page.getByRole("combobox", { name: "Show" })).toHaveValue("breached");
});

test("an executive's start page shows their clients' scorecards, linking to /scorecards", async ({
  page,
  loginAs,
}) => {
  await loginAs("executive@northwind.test");
  await page.goto("/overview");
  await expect(page.getByRole("heading", { name: /^Scorecards/, level: 2 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "NOC queue", level: 2 })).toHaveCount(0);
  await page.getByRole("link", { name: /^Green: \d+$/ }).click();
  await expect(page).toHaveURL(/\/scorecards$/);
});

for (const [who, email] of [
  ["operator", "operator@northwind.test"],
  ["supervisor", "supervisor@northwind.test"],
  ["site-manager", "manager@northwind.test"],
  ["executive", "executive@northwind.test"],
] as const)
  test(`overview screenshots: ${who}`, async ({ page, loginAs }) => {
    await loginAs(email);
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/overview");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Good to see you");
      await page.screenshot({ path: `${SHOTS}/overview-${who}-${width}.png`, fullPage: true });
    }
  });
