import {
  expect,
  shot,
  shotsAtWidths,
  signIn,
  test,
  trpcMutation,
  trpcQuery,
  unique,
} from "../fixtures";

test.describe("NOC queue", () => {
  test("an operator works the queue from the keyboard and reads why an alert scored what it did", async ({
    page,
    loginAs,
  }) => {
    test.slow(); // screenshots at two widths on top of the drill
    await loginAs("operator@northwind.test");
    await page.goto("/noc");
    const queue = page.getByRole("table", { name: "Alert queue" });
    const rows = queue.locator("tbody tr");
    await expect(rows.first()).toBeVisible();

    // ordered by score, highest first
    const scores = (await rows.locator("td:nth-child(2)").allInnerTexts())
      .map((s) => Number(s.trim()))
      .filter((n) => !Number.isNaN(n));
    expect(scores.length).toBeGreaterThan(3);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    // the keyboard works once the page is hydrated (the live stream connects after it)
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", {
      timeout: 15_000,
    });
    // The queue is live and shared: other tests add and resolve alerts in it while this one
    // runs. So the operator works an alert of this test's own, found with / (search).
    const title = `Keyboard drill ${unique()}`;
    const sites = await trpcQuery<{ id: string }[]>(page.request, "site.list", {});
    const res = await trpcMutation<{ id: string }>(page.request, "alert.create", {
      siteId: sites.data?.[0]?.id,
      type: "INTRUSION",
      severity: "critical",
      title,
      fingerprint: title,
    });
    const created = res.data;
    if (!created) throw new Error(`alert not created: ${JSON.stringify(res.error)}`);
    await page.keyboard.press("/");
    const search = page.getByPlaceholder(/^Search title, site/);
    await expect(search).toBeFocused();
    await search.fill(title);
    await expect(rows).toHaveCount(1);
    await search.blur();
    // j selects the first (here the only) alert and opens it; the panel explains the score
    const firstId = `alert-row-${created.id}`;
    await expect(rows.first()).toHaveAttribute("id", firstId);
    await page.keyboard.press("j");
    const selected = queue.locator(`tbody tr[id="${firstId}"]`);
    await expect(selected).toHaveAttribute("aria-selected", "true");
    const why = page.getByRole("region", { name: /^Why \d+$/ });
    await expect(why).toBeVisible();
    await expect(why.getByRole("listitem").first()).toContainText("+");
    await expect(why).toContainText(/Scored by (heuristic|model v\d+)/);
    // one "Why", and its factors' points add up to its score
    await expect(page.getByText(/^Why /)).toHaveCount(1);
    const score = Number((await why.getByRole("heading").innerText()).replace("Why ", ""));
    const points = (await why.getByRole("listitem").allInnerTexts()).map((t) =>
      Number(/\+(\d+)/.exec(t)?.[1]),
    );
    expect(points.reduce((s, p) => s + p, 0)).toBe(score);
    // with the panel beside it (1280 px), the queue shows every row without scrolling sideways
    const sideways = await queue.evaluate((table) => {
      const box = table.parentElement;
      return box ? box.scrollWidth - box.clientWidth : Number.NaN;
    });
    expect(sideways).toBe(0);
    await shot(page, "noc-queue");
    await shotsAtWidths(page, "noc-scored");

    // a acknowledges (when new), r resolves through the dialog
    const state = selected.locator("td:nth-child(8)");
    if ((await state.innerText()).trim() === "new") {
      await page.keyboard.press("a");
      await expect(state).toHaveText("acknowledged");
    }
    await page.keyboard.press("r");
    const dialog = page.getByRole("dialog", { name: "Resolve alerts" });
    // no resolution is chosen for the operator: r then Enter resolves nothing, it asks
    await expect(dialog.getByLabel("Resolution")).toBeFocused();
    await expect(dialog.getByRole("button", { name: "Resolve" })).toBeDisabled();
    await page.keyboard.press("Enter");
    await expect(dialog.getByRole("alert")).toHaveText(/Choose a resolution first/);
    await expect(dialog).toBeVisible();
    await shotsAtWidths(page, "noc-resolve-dialog");
    const detail = await trpcQuery<{ status: string }>(page.request, "alert.get", {
      id: created.id,
    });
    expect(detail.data?.status).not.toBe("resolved");
    await dialog.getByLabel("Resolution").selectOption({ label: "False alarm" });
    await dialog.getByLabel("Note").fill("Cleaner set off the sensor");
    await dialog.getByRole("button", { name: "Resolve" }).click();
    await expect(dialog).toBeHidden();
    // the only alert shown is gone: the panel closes rather than show a resolved alert
    await expect(page.getByRole("region", { name: /^Why \d+$/ })).toBeHidden();
    await expect(page.getByTestId("toast")).toContainText("Resolved 1 alert");
    const ended = await trpcQuery<{ status: string; resolution: string; resolutionNote: string }>(
      page.request,
      "alert.get",
      { id: created.id },
    );
    expect(ended.data).toMatchObject({
      status: "resolved",
      resolution: "false_alarm",
      resolutionNote: "Cleaner set off the sensor",
    });
  });

  test("an alert of a client without AI triage on its plan says so, not 'scoring…'", async ({
    page,
    loginAs,
  }) => {
    await loginAs("operator@northwind.test");
    await page.goto("/noc");
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", {
      timeout: 15_000,
    });
    const sites = await trpcQuery<{ id: string; name: string }[]>(page.request, "site.list", {});
    const park = sites.data?.find((s) => s.name === "Riverside Park"); // Civic Parks: no plan
    expect(park).toBeTruthy();
    const title = `Gate forced, no plan ${unique()}`;
    const res = await trpcMutation<{ id: string }>(page.request, "alert.create", {
      siteId: park?.id,
      type: "INTRUSION",
      severity: "critical",
      title,
      fingerprint: title,
    });
    expect(res.data).toBeTruthy();
    const row = page
      .getByRole("table", { name: "Alert queue" })
      .getByRole("row")
      .filter({ hasText: title });
    // triage runs and finds the plan without it: the row stops saying "scoring…"
    await expect(row.locator("td:nth-child(2)")).toHaveText("no AI triage", { timeout: 15_000 });
    await row.click();
    const panel = page.getByRole("region", { name: "No AI triage on this plan" });
    await expect(panel).toContainText("Bronze and above include it");
    await expect(page.getByText(/Scored by|not in plan/)).toHaveCount(0);
    await shotsAtWidths(page, "noc-no-plan");
  });

  test("an alert sent to the API appears in an open queue without a reload", async ({
    page,
    loginAs,
    browser,
  }) => {
    await loginAs("operator@northwind.test");
    await page.goto("/noc");
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", {
      timeout: 15_000,
    });
    await page.evaluate(() => {
      (window as unknown as { __noReload: number }).__noReload = 1;
    });

    const admin = await browser.newContext();
    try {
      await signIn(admin, "admin@northwind.test");
      const key = await trpcMutation<{ key: string }>(admin.request, "apiKey.create", {
        name: `e2e ${unique()}`,
      });
      const sites = await trpcQuery<{ id: string; name: string }[]>(admin.request, "site.list", {});
      const site = sites.data?.find((s) => s.name === "Acme Newark Port");
      expect(site).toBeTruthy();
      const title = `Door forced e2e ${unique()}`;
      const res = await admin.request.post("/api/alerts", {
        headers: { authorization: `Bearer ${key.data?.key}` },
        data: { siteId: site?.id, type: "INTRUSION", severity: "critical", title },
      });
      expect(res.status()).toBe(201);
      const row = page
        .getByRole("table", { name: "Alert queue" })
        .getByRole("row")
        .filter({ hasText: title });
      await expect(row).toBeVisible({ timeout: 10_000 });
      // triage scores it within seconds; a critical intrusion at a criticality-5 gold site lands at the top
      await expect(row.locator("td:nth-child(2)")).toHaveText(/^\d+$/, { timeout: 15_000 });
      expect(
        await page.evaluate(() => (window as unknown as { __noReload?: number }).__noReload),
      ).toBe(1);
    } finally {
      await admin.close();
    }
  });

  test("another operator's changes move the open queue in place, keeping the selection", async ({
    page,
    loginAs,
    browser,
  }) => {
    // a filter the other tests leave alone, so the rows here are this test's own
    await loginAs("operator@northwind.test");
    await page.goto("/noc?type=GEOFENCE_VIOLATION");
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", {
      timeout: 15_000,
    });
    await page.evaluate(() => {
      (window as unknown as { __noReload: number }).__noReload = 1;
    });
    const table = page.getByRole("table", { name: "Alert queue" });
    const rowOf = (title: string) => table.getByRole("row").filter({ hasText: title });

    const admin = await browser.newContext();
    try {
      await signIn(admin, "admin@northwind.test");
      const sites = await trpcQuery<{ id: string }[]>(admin.request, "site.list", {});
      const raise = async (type: string, title: string) => {
        const res = await trpcMutation<{ id: string }>(admin.request, "alert.create", {
          siteId: sites.data?.[1]?.id,
          type,
          severity: "high",
          title,
          fingerprint: title,
        });
        if (!res.data) throw new Error(`alert not created: ${JSON.stringify(res.error)}`);
        return res.data.id;
      };
      const tag = unique();
      const [kept, leaving] = [`Fence kept ${tag}`, `Fence leaving ${tag}`];
      const keptId = await raise("GEOFENCE_VIOLATION", kept);
      const leavingId = await raise("GEOFENCE_VIOLATION", leaving);
      await raise("INTRUSION", `Not a fence ${tag}`);
      await expect(rowOf(kept)).toBeVisible({ timeout: 5_000 });
      await expect(rowOf(leaving)).toBeVisible({ timeout: 5_000 });

      await rowOf(kept).click();
      await expect(rowOf(kept)).toHaveAttribute("aria-selected", "true");
      await expect(page.getByRole("heading", { level: 2, name: kept })).toBeVisible();

      // the other operator acknowledges the selected alert and resolves its neighbour
      expect(
        (await trpcMutation(admin.request, "alert.acknowledge", { ids: [keptId] })).error,
      ).toBeUndefined();
      // with the panel beside the queue, the state shows under the title
      await expect(rowOf(kept).getByText(/ · acknowledged$/)).toBeVisible({ timeout: 5_000 });
      expect(
        (
          await trpcMutation(admin.request, "alert.resolve", {
            ids: [leavingId],
            resolution: "false_alarm",
          })
        ).error,
      ).toBeUndefined();
      await expect(rowOf(leaving)).toHaveCount(0, { timeout: 5_000 });

      // the filter held throughout, the selection and its panel stayed, nothing reloaded
      await expect(rowOf(`Not a fence ${tag}`)).toHaveCount(0);
      await expect(rowOf(kept)).toHaveAttribute("aria-selected", "true");
      await expect(page.getByRole("heading", { level: 2, name: kept })).toBeVisible();
      expect(
        await page.evaluate(() => (window as unknown as { __noReload?: number }).__noReload),
      ).toBe(1);
    } finally {
      await admin.close();
    }
  });

  test("a specialist sees only alerts routed to their groups", async ({
    page,
    loginAs,
    browser,
  }) => {
    const admin = await browser.newContext();
    try {
      await signIn(admin, "admin@northwind.test");
      const groups = await trpcQuery<{ id: string; name: string }[]>(admin.request, "group.list");
      const iot = groups.data?.find((g) => g.name === "IoT Specialists");
      const queue = await trpcQuery<{ id: string; type: string; groupName: string | null }[]>(
        admin.request,
        "alert.list",
        { limit: 50 },
      );
      // not a shift or tour finding: the detection sweep may resolve those meanwhile
      const [routed, other] = (queue.data ?? []).filter(
        (a) => a.groupName === null && !/^(SHIFT_|TOUR_)/.test(a.type),
      );
      expect(iot && routed && other).toBeTruthy();
      const assigned = await trpcMutation(admin.request, "alert.assign", {
        id: routed?.id,
        groupId: iot?.id,
      });
      expect(assigned.error).toBeUndefined();

      await loginAs("specialist@northwind.test");
      await page.goto("/noc");
      const list = await trpcQuery<{ id: string; groupName: string | null }[]>(
        page.request,
        "alert.list",
        { limit: 500 },
      );
      expect(list.data?.map((a) => a.id)).toContain(routed?.id);
      for (const r of list.data ?? []) expect(r.groupName).toBe("IoT Specialists");
      const hidden = await trpcQuery(page.request, "alert.get", { id: other?.id });
      expect(hidden.error?.code).toBe("NOT_FOUND");
      expect(hidden.data).toBeUndefined();
      await expect(page.getByRole("table", { name: "Alert queue" })).toBeVisible();
    } finally {
      await admin.close();
    }
  });

  test("a site manager is refused the queue and its procedures", async ({ page, loginAs }) => {
    await loginAs("manager@northwind.test");
    const res = await page.goto("/noc");
    expect(res?.status()).toBe(403);
    const list = await trpcQuery(page.request, "alert.list", { limit: 5 });
    expect(list.error?.code).toBe("FORBIDDEN");
    expect(list.data).toBeUndefined();
  });
});
