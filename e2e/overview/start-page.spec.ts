import { expect, test } from "../fixtures";

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
