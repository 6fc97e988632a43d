import { expect, shot, signIn, test, trpcQuery, unique } from "../fixtures";

type RiskRow = { id: string; title: string; clientName: string; siteName: string };

const probabilityOf = (text: string) => Number(/^(\d\.\d\d)/.exec(text.trim())?.[1] ?? NaN);

test.describe("SLA risk", () => {
  test("a supervisor sees at-risk tickets by probability with a live countdown, and reads why and its SLA timeline", async ({
    page,
    loginAs,
  }) => {
    await loginAs("supervisor@northwind.test");
    await page.goto("/sla");
    await expect(page.getByRole("heading", { name: "SLA risk", level: 1 })).toBeVisible();
    const table = page.getByRole("table", { name: "At-risk tickets" });
    const rows = table.locator("tbody tr");
    await expect(rows.first()).toBeVisible();

    // most likely to breach first; unscored tickets (if any) come last
    const probabilities = (await rows.locator("td:nth-child(1)").allInnerTexts())
      .map(probabilityOf)
      .filter((n) => !Number.isNaN(n));
    expect(probabilities.length).toBeGreaterThan(3);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    await expect(rows.first().locator("td").first()).toContainText(/at risk|watch|low/);

    // each row counts down to its breach time, live: the remaining seconds move on their own
    const countdown = table
      .getByTestId("countdown")
      .filter({ visible: true })
      .and(page.locator("[data-state=breached], [data-state=soon], [data-state=running]"))
      .first();
    await expect(countdown).toHaveText(/left$|^breached .+ ago$/);
    const seconds = await countdown.getAttribute("data-seconds");
    expect(seconds).toMatch(/^-?\d+$/);
    await expect(countdown).not.toHaveAttribute("data-seconds", seconds ?? "");

    // open the riskiest ticket: why its probability, and its SLA explained
    const open = rows.first().getByRole("button").first();
    const title = (await open.innerText()).trim();
    await open.click();
    await expect(page).toHaveURL(/[?&]ticket=[0-9a-f-]{36}/);
    await expect(rows.first()).toHaveAttribute("aria-selected", "true");
    const why = page.getByRole("region", { name: /^Why \d\.\d\d$/ });
    await expect(why).toBeVisible();
    await expect(why.getByRole("listitem").first()).toContainText(/\+\d\.\d\d$/);
    await expect(why).toContainText(/Scored by (heuristic|model v\d+)/);

    const explain = page.getByRole("region", { name: "Explain this SLA" });
    await expect(explain).toContainText(/P[1-4] · (tenant default|.+ override|built-in default)/);
    await expect(explain).toContainText(/24×7|business hours/);
    await expect(explain.getByRole("group", { name: "Resolution clock" })).toContainText("Due");
    await expect(explain.getByRole("group", { name: "Response clock" })).toContainText("Used");
    await expect(explain.getByRole("list", { name: "SLA timeline" })).toContainText(
      "Ticket opened, clocks start",
    );
    await expect(page.getByRole("figure", { name: "Probability history" })).toBeVisible();
    await shot(page, "sla-risk");

    // the selected ticket lives in the URL: a reload opens it again
    await page.reload();
    await expect(page.getByRole("heading", { name: title, level: 2 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Explain this SLA" })).toBeVisible();
  });

  test("a new ticket shows what is missing next to its fields, then opens with its SLA", async ({
    page,
    loginAs,
  }) => {
    await loginAs("supervisor@northwind.test");
    await page.goto("/sla");
    await page.getByRole("button", { name: "New ticket" }).click();
    const dialog = page.getByRole("dialog", { name: "New ticket" });
    await dialog.getByRole("button", { name: "Open ticket" }).click();
    await expect(dialog.getByText("Give the ticket a title")).toBeVisible();
    await expect(dialog.getByText("Say who asked (a name or e-mail)")).toBeVisible();

    const title = `Gate stuck open e2e ${unique()}`;
    await dialog.getByLabel("Site").selectOption({ index: 1 });
    await dialog.getByLabel("Title").fill(title);
    await dialog.getByLabel("Requester").fill("front.desk@acme.test");
    await dialog.getByLabel("Category").selectOption("facilities");
    await dialog.getByLabel("Priority").selectOption("P1");
    await dialog.getByRole("button", { name: "Open ticket" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("heading", { name: new RegExp(`^#\\d+ ${title}$`) })).toBeVisible();
    const explain = page.getByRole("region", { name: "Explain this SLA" });
    await expect(explain).toContainText("respond in 15 min");
    await expect(explain.getByRole("list", { name: "SLA timeline" })).toContainText(
      "Resolution due",
    );
  });

  test("a prediction run started on the jobs page updates the open SLA page without a reload", async ({
    page,
    loginAs,
    browser,
  }) => {
    await loginAs("supervisor@northwind.test");
    await page.goto("/sla");
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", {
      timeout: 15_000,
    });
    const lastRun = page.getByTestId("last-run-at");
    await expect(lastRun).toHaveAttribute("datetime", /^\d{4}-/);
    const before = (await lastRun.getAttribute("datetime")) ?? "";
    await page.evaluate(() => {
      (window as unknown as { __noReload: number }).__noReload = 1;
    });

    const admin = await browser.newContext();
    try {
      await signIn(admin, "admin@northwind.test");
      const jobs = await admin.newPage();
      await jobs.goto("/admin/jobs");
      await jobs.getByRole("button", { name: "Run Predict SLA breaches now" }).click();

      await expect(lastRun).not.toHaveAttribute("datetime", before, { timeout: 30_000 });
      await expect(page.getByRole("status", { name: "Last prediction run" })).toContainText(
        /\d+ scored/,
      );
      expect(
        await page.evaluate(() => (window as unknown as { __noReload?: number }).__noReload),
      ).toBe(1);
    } finally {
      await admin.close();
    }
  });

  test("a site manager sees only their sites' tickets; an executive is refused", async ({
    page,
    loginAs,
    browser,
  }) => {
    // a ticket outside the manager's scope (Acme Logistics and Meridian Mall Atlanta)
    const supervisor = await browser.newContext();
    let outside: RiskRow | undefined;
    try {
      await signIn(supervisor, "supervisor@northwind.test");
      const all = await trpcQuery<RiskRow[]>(supervisor.request, "ticket.risk", { limit: 500 });
      outside = all.data?.find(
        (r) => r.clientName !== "Acme Logistics" && r.siteName !== "Meridian Mall Atlanta",
      );
    } finally {
      await supervisor.close();
    }
    expect(outside).toBeTruthy();

    await loginAs("manager@northwind.test");
    const mine = await trpcQuery<RiskRow[]>(page.request, "ticket.risk", { limit: 500 });
    for (const r of mine.data ?? [])
      expect(r.clientName === "Acme Logistics" || r.siteName === "Meridian Mall Atlanta").toBe(
        true,
      );
    const hidden = await trpcQuery(page.request, "ticket.get", { id: outside?.id });
    expect(hidden.error?.code).toBe("NOT_FOUND");
    expect(hidden.data).toBeUndefined();

    await page.goto(`/sla?ticket=${outside?.id}`);
    await expect(page.getByRole("heading", { name: "SLA risk", level: 1 })).toBeVisible();
    await expect(page.getByText("This ticket is not available to you.")).toBeVisible();
    const policies = await page.goto("/sla/policies");
    expect(policies?.status()).toBe(403);

    await loginAs("executive@northwind.test");
    const res = await page.goto("/sla");
    expect(res?.status()).toBe(403);
    await expect(
      page.getByRole("heading", { name: "Your role cannot open this page" }),
    ).toBeVisible();
    const list = await trpcQuery(page.request, "ticket.risk", { limit: 5 });
    expect(list.error?.code).toBe("FORBIDDEN");
    expect(list.data).toBeUndefined();
  });
});
