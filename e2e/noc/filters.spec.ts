import { expect, shot, test, trpcMutation, trpcQuery, unique } from "../fixtures";

test.describe("NOC queue filters", () => {
  test("an operator narrows the queue by client, site and group from the filter bar, kept in the URL", async ({
    page,
    loginAs,
  }) => {
    await loginAs("operator@northwind.test");
    await page.goto("/noc");
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", {
      timeout: 15_000,
    });
    // an alert of this test's own at one site, routed to one group
    const sites = await trpcQuery<{ id: string; name: string; clientName: string }[]>(
      page.request,
      "site.list",
      {},
    );
    const site = sites.data?.find((s) => s.name === "Acme Newark Port");
    if (!site) throw new Error("no Acme Newark Port site in the demo data");
    const options = await trpcQuery<{ groups: { id: string; name: string }[] }>(
      page.request,
      "alert.filterOptions",
    );
    const iot = options.data?.groups.find((g) => g.name === "IoT Specialists");
    if (!iot) throw new Error("no IoT Specialists group in the filter options");
    const title = `Filter drill ${unique()}`;
    const created = await trpcMutation<{ id: string }>(page.request, "alert.create", {
      siteId: site.id,
      type: "DEVICE_OFFLINE",
      severity: "medium",
      title,
      fingerprint: title,
    });
    const id = created.data?.id;
    if (!id) throw new Error(`alert not created: ${JSON.stringify(created.error)}`);
    expect(
      (await trpcMutation(page.request, "alert.assign", { id, groupId: iot.id })).error,
    ).toBeUndefined();
    // and one beside it, routed nowhere
    const besideTitle = `${title} (not routed)`;
    const beside = await trpcMutation<{ id: string }>(page.request, "alert.create", {
      siteId: site.id,
      type: "DEVICE_OFFLINE",
      severity: "medium",
      title: besideTitle,
      fingerprint: besideTitle,
    });
    if (!beside.data) throw new Error(`alert not created: ${JSON.stringify(beside.error)}`);

    const queue = page.getByRole("table", { name: "Alert queue" });
    const rows = queue.locator("tbody tr[id^='alert-row-']");
    const mine = queue.locator(`tbody tr[id="alert-row-${id}"]`);
    const other = queue.locator(`tbody tr[id="alert-row-${beside.data.id}"]`);

    // the site filter appears once a client is chosen, and offers that client's sites
    await expect(page.getByLabel("Site", { exact: true })).toHaveCount(0);
    await page.getByLabel("Client", { exact: true }).selectOption({ label: site.clientName });
    await expect(page).toHaveURL(/[?&]client=/);
    await page.getByLabel("Site", { exact: true }).selectOption({ label: site.name });
    await expect(page).toHaveURL(/[?&]site=/);
    await expect(mine).toBeVisible();
    await expect(other).toBeVisible();
    for (const cell of await rows.locator("td:nth-child(4)").allInnerTexts())
      expect(cell).toContain(site.name);

    await page.getByLabel("Group", { exact: true }).selectOption({ label: "IoT Specialists" });
    await expect(page).toHaveURL(/[?&]group=/);
    await expect(other).toBeHidden();
    await expect(mine).toBeVisible();
    await expect(mine.locator("td:nth-child(7)")).toHaveText("IoT Specialists");
    await shot(page, "noc-filters");

    // a reload keeps every filter, shown in the bar
    await page.reload();
    await expect(page.getByLabel("Client", { exact: true })).toHaveValue(/.+/);
    await expect(page.getByLabel("Site", { exact: true })).toHaveValue(site.id);
    await expect(page.getByLabel("Group", { exact: true })).toHaveValue(iot.id);
    await expect(mine).toBeVisible();

    // one click clears them all
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/noc$/);
    await expect(page.getByLabel("Site", { exact: true })).toHaveCount(0);
    await expect(page.getByLabel("Group", { exact: true })).toHaveValue("");
  });

  test("the queue fits a phone's width: site under the title, no sideways scrolling", async ({
    page,
    loginAs,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs("operator@northwind.test");
    // the widest row there is: a long unbroken title, escalated, with a long type
    const sites = await trpcQuery<{ id: string }[]>(page.request, "site.list", {});
    const title = `Perimeter-fence-vibration-sensor-tripped-repeatedly-${unique()}`;
    const created = await trpcMutation<{ id: string }>(page.request, "alert.create", {
      siteId: sites.data?.[0]?.id,
      type: "SECURITY_BREACH",
      severity: "critical",
      title,
      fingerprint: title,
    });
    if (!created.data) throw new Error(`alert not created: ${JSON.stringify(created.error)}`);
    const escalated = await trpcMutation(page.request, "alert.escalate", { id: created.data.id });
    expect(escalated.error).toBeUndefined();
    await page.goto("/noc");
    const queue = page.getByRole("table", { name: "Alert queue" });
    await expect(queue.locator(`tbody tr[id="alert-row-${created.data.id}"]`)).toBeAttached();
    await expect(queue.getByRole("columnheader", { name: "Site" })).toBeHidden();
    await expect(queue.getByRole("columnheader", { name: "Waiting" })).toBeVisible();
    const overflow = await queue.evaluate((table) => {
      const box = table.parentElement;
      return {
        table: box ? box.scrollWidth - box.clientWidth : Number.NaN,
        page: document.documentElement.scrollWidth - window.innerWidth,
      };
    });
    expect(overflow).toEqual({ table: 0, page: 0 });
    await shot(page, "noc-phone");
  });
});
