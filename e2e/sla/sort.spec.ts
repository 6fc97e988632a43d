import { expect, shot, signIn, test } from "../fixtures";

const secondsOf = (s: string | null | undefined) => Number(s ?? NaN);

test.describe("SLA sorting", () => {
  test("sorts by time left ascending from its header, keeps the sort in the URL across a reload", async ({
    page,
    loginAs,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs("supervisor@northwind.test");
    await page.goto("/sla");
    const table = page.getByRole("table", { name: "At-risk tickets" });
    await expect(table.locator("tbody tr").first()).toBeVisible();
    const header = table.getByRole("columnheader", { name: /Time left/ });
    await expect(header).toHaveAttribute("aria-sort", "none");
    await header.getByRole("link").click();
    await expect(page).toHaveURL(/[?&]sort=timeLeft&dir=asc/);
    await expect(header).toHaveAttribute("aria-sort", "ascending");

    // running clocks only: a paused ticket's time left stands still, sorted by its stored due time
    const dueOrder = async () =>
      (
        await table
          .locator("tbody tr td:nth-child(7) [data-testid=countdown]")
          .evaluateAll((els) =>
            els.map((e) => [e.getAttribute("data-state"), e.getAttribute("data-seconds")]),
          )
      )
        .filter(([state]) => state === "soon" || state === "running")
        .map(([, s]) => secondsOf(s));
    await expect.poll(async () => (await dueOrder()).length).toBeGreaterThan(2);
    const asc = await dueOrder();
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    await shot(page, "sla-sorted-time-left-1440");

    await page.reload();
    await expect(page).toHaveURL(/[?&]sort=timeLeft&dir=asc/);
    await expect(
      page
        .getByRole("table", { name: "At-risk tickets" })
        .getByRole("columnheader", { name: /Time left/ }),
    ).toHaveAttribute("aria-sort", "ascending");
    await expect(page.getByRole("combobox", { name: "Sort by" })).toHaveValue("timeLeft:asc");

    // the same header again turns it round
    await page
      .getByRole("table", { name: "At-risk tickets" })
      .getByRole("columnheader", { name: /Time left/ })
      .getByRole("link")
      .click();
    await expect(page).toHaveURL(/[?&]sort=timeLeft&dir=desc/);
  });

  test("on a phone the order is chosen from the Sort menu", async ({ page, loginAs }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs("supervisor@northwind.test");
    await page.goto("/sla");
    await page.getByRole("combobox", { name: "Sort by" }).selectOption("priority:asc");
    await expect(page).toHaveURL(/[?&]sort=priority&dir=asc/);
    await expect(
      page.getByRole("table", { name: "At-risk tickets" }).locator("tbody tr").first(),
    ).toContainText("P1");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, "sla-390");
  });

  test("a header sorts before the page has hydrated: it is a link to the sorted page", async ({
    browser,
    baseURL,
  }) => {
    // no script at all stands in for a click that lands before hydration (a slow phone)
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
    try {
      await signIn(context, "supervisor@northwind.test");
      const page = await context.newPage();
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto("/sla?min=0.1");
      const header = page
        .getByRole("table", { name: "At-risk tickets" })
        .getByRole("columnheader", { name: /Priority/ });
      await expect(header).toHaveAttribute("aria-sort", "none");
      await header.getByRole("link").click();
      // the filter stays; the server answers the sorted page
      await expect(page).toHaveURL(/[?&]sort=priority&dir=asc/);
      await expect(page).toHaveURL(/[?&]min=0\.1/);
      await expect(
        page
          .getByRole("table", { name: "At-risk tickets" })
          .getByRole("columnheader", { name: /Priority/ }),
      ).toHaveAttribute("aria-sort", "ascending");
    } finally {
      await context.close();
    }
  });
});
