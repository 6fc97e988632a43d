import { card, expect, shot, signIn, test, trpcMutation, unique } from "../fixtures";
import { goldSite } from "./helpers";

// the NOC's detail panel sits beside the queue from 1280 px
test.use({ viewport: { width: 1440, height: 1000 } });

test.describe("Playbooks: build, dry-run, enable, watch it run", () => {
  test("an admin builds a playbook, dry-runs and enables it; the operator watches its run live", async ({
    page,
    browser,
    loginAs,
  }) => {
    test.setTimeout(120_000);
    await loginAs("admin@northwind.test");
    const site = await goldSite(page.request, 1);
    const name = `Geofence check ${unique()}`;

    await page.goto("/playbooks/new");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("group", { name: "Alert types" }).getByLabel("Geofence violation").check();
    await page.getByLabel("Lowest severity").selectOption("low");
    await page
      .getByRole("group", { name: "Only these sites" })
      .getByLabel(`${site.name} (${site.clientName})`)
      .check();

    const steps = page.getByRole("list", { name: "Steps", exact: true });
    // step 1 is collect diagnostics; add resolve, then assign
    await page.getByLabel("Kind of step").selectOption({ label: "Resolve the alert" });
    await page.getByRole("button", { name: "Add step" }).click();
    await page.getByLabel("Kind of step").selectOption({ label: "Assign" });
    await page.getByRole("button", { name: "Add step" }).click();
    await expect(steps.getByRole("listitem")).toHaveCount(3);

    // the shared schema's errors show at the fields before the server is asked
    await page.getByRole("button", { name: "Create playbook" }).click();
    await expect(page.getByText("Write the resolution note")).toBeVisible();
    await expect(page.getByText("Choose either a user or a group")).toBeVisible();

    // reorder by keyboard: assign (step 3) goes above resolve (step 2)
    await page.getByRole("button", { name: "Move step 3 up" }).focus();
    await page.keyboard.press("Enter");
    await expect(steps.getByRole("listitem").nth(1)).toHaveAccessibleName("Step 2: Assign");
    await expect(steps.getByRole("listitem").nth(2)).toHaveAccessibleName(
      "Step 3: Resolve the alert",
    );
    // focus stayed on the moved step's button, now "Move step 2 up"
    await expect(page.getByRole("button", { name: "Move step 2 up" })).toBeFocused();

    const assign = steps.getByRole("listitem").nth(1);
    await assign.getByLabel("Assign to").selectOption({ label: "IoT Specialists" });
    await steps
      .getByRole("listitem")
      .nth(2)
      .getByLabel("Resolution note")
      .fill("Back inside the fence: {{alert.title}}");

    // dry run on the last 30 days, from the unsaved form
    await page.getByRole("button", { name: "Dry run on the last 30 days" }).click();
    const history = page.getByRole("group", { name: "Last 30 days" });
    await expect(history).toContainText("runs would have started");
    await expect(history).toContainText("3. Resolve the alert");
    await shot(page, "playbook-new");

    await page.getByRole("button", { name: "Create playbook" }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByText("Playbook created (disabled)")).toBeVisible();

    // enable it from the list
    await page.goto("/playbooks");
    const item = page.getByRole("article", { name });
    await expect(item.getByText("disabled", { exact: true })).toBeVisible();
    const toggle = item.getByRole("switch", { name: `Enabled: ${name}` });
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    await expect(item.getByText("enabled", { exact: true })).toBeVisible();

    // the operator has the queue open when the alert arrives
    const operator = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await signIn(operator, "operator@northwind.test");
    const noc = await operator.newPage();
    const title = `Left the fence ${unique()}`;
    await noc.goto(`/noc?q=${encodeURIComponent(title)}`);
    await expect(noc.getByTestId("live-status")).toHaveAttribute("data-state", "live");
    const created = await trpcMutation<{ id: string }>(noc.request, "alert.create", {
      siteId: site.id,
      type: "GEOFENCE_VIOLATION",
      severity: "high",
      title,
      fingerprint: title,
    });
    const alertId = created.data?.id;
    if (!alertId) throw new Error(`alert not created: ${JSON.stringify(created.error)}`);
    // the run may resolve the alert before its queue row is drawn: open its panel by id
    await noc.goto(`/noc?alert=${alertId}`);
    const panel = card(noc, title);
    const run = panel.getByRole("group", { name: `Run of ${name}` });
    await expect(run).toBeVisible();
    const runSteps = run.getByRole("list", { name: "Run steps" });
    await expect(
      runSteps.getByRole("listitem", { name: /^Step 1: Collect diagnostics, Done$/ }),
    ).toBeVisible();
    await expect(runSteps.getByRole("listitem", { name: /^Step 2: Assign, Done$/ })).toBeVisible();
    await expect(
      runSteps.getByRole("listitem", { name: /^Step 3: Resolve the alert, Done$/ }),
    ).toBeVisible();
    await expect(run.getByText("Succeeded")).toBeVisible();
    await expect(panel.getByText(/^Resolved .* as /)).toBeVisible();
    // the header's share of alerts resolved automatically has something to count
    await expect(noc.getByTestId("auto-resolved")).toHaveText(/^\d+%$/);
    await shot(noc, "playbook-alert-panel");

    // the run's own page, from the panel
    await run.getByRole("link", { name }).click();
    await expect(noc.getByRole("heading", { name: `${name} · run`, level: 1 })).toBeVisible();
    await expect(noc.getByText("resolved the alert automatically")).toBeVisible();
    await shot(noc, "playbook-run");
    await operator.close();

    // the list counts it; then the kill switch stops the playbook
    await page.reload();
    await expect(item.getByRole("link", { name: title })).toBeVisible();
    await item.getByRole("button", { name: "Kill switch" }).click();
    const dialog = page.getByRole("dialog", { name: `Stop ${name}?` });
    await dialog.getByRole("button", { name: "Stop it now" }).click();
    await expect(dialog).toBeHidden();
    await expect(item.getByText("killed", { exact: true })).toBeVisible();
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    await shot(page, "playbooks-list");
  });
});
