import type { APIRequestContext } from "@playwright/test";
import { expect, signIn, test, trpcMutation, trpcQuery, unique } from "../fixtures";
import { goldSite } from "./helpers";

type Run = { id: string; status: string };
type Mail = { recipient: string; subject: string | null; body: string };

/** As an admin: an enabled playbook that needs approval, and an alert it runs on. */
async function runAwaitingApproval(admin: APIRequestContext, siteIndex: number) {
  const site = await goldSite(admin, siteIndex);
  const name = `Needs a yes ${unique()}`;
  const made = await trpcMutation<{ id: string }>(admin, "playbook.create", {
    name,
    enabled: true,
    definition: {
      trigger: { alertTypes: ["SHIFT_WRONG_SITE"], minSeverity: "low", siteIds: [site.id] },
      requiresApproval: true,
      steps: [{ kind: "collect_diagnostics", lookbackHours: 24 }],
    },
  });
  if (!made.data) throw new Error(`playbook not created: ${JSON.stringify(made.error)}`);
  const title = `Checked in at the wrong site ${unique()}`;
  const alert = await trpcMutation<{ id: string }>(admin, "alert.create", {
    siteId: site.id,
    type: "SHIFT_WRONG_SITE",
    severity: "high",
    title,
    fingerprint: title,
  });
  const alertId = alert.data?.id;
  if (!alertId) throw new Error(`alert not created: ${JSON.stringify(alert.error)}`);
  // triage, then the playbook's run asks for approval
  let run: Run | undefined;
  await expect
    .poll(async () => {
      const runs = await trpcQuery<Run[]>(admin, "playbook.runs", { alertId, limit: 5 });
      run = runs.data?.[0];
      return run?.status;
    })
    .toBe("awaiting_approval");
  if (!run) throw new Error("no run");
  return { name, title, runId: run.id };
}

test.describe("Playbooks: approval", () => {
  test("a supervisor approves from the link in the dev mailbox, once", async ({
    page,
    browser,
    loginAs,
  }) => {
    test.setTimeout(120_000);
    const admin = await browser.newContext();
    await signIn(admin, "admin@northwind.test");
    const { name, title, runId } = await runAwaitingApproval(admin.request, 3);

    // the supervisors' e-mail, kept in the dev mailbox (the outbox)
    let approveUrl = "";
    await expect
      .poll(async () => {
        const out = await trpcQuery<{ items: Mail[] }>(admin.request, "outbox.list", {
          channel: "email",
          limit: 100,
        });
        const mail = out.data?.items.find(
          (m) => m.recipient === "supervisor@northwind.test" && m.body.includes(title),
        );
        approveUrl = mail?.body.match(/Approve: (\S+)/)?.[1] ?? "";
        return approveUrl;
      })
      .toContain("/api/playbooks/approve?token=");
    await admin.close();
    const link = new URL(approveUrl);
    const path = `${link.pathname}${link.search}`;

    await loginAs("supervisor@northwind.test");
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Approve this playbook run?" })).toBeVisible();
    await expect(page.getByText(name)).toBeVisible();
    await page.getByRole("button", { name: "Approve run" }).click();
    await expect(page.getByRole("heading", { name: "Run approved" })).toBeVisible();

    // the run page shows who approved, and the run carries on to the end (live)
    await page.goto(`/playbooks/runs/${runId}`);
    await expect(page.getByText(/Approved by .* from the e-mail or Slack link/)).toBeVisible();
    await expect(
      page.getByRole("listitem", { name: /^Step 1: Collect diagnostics, Done$/ }),
    ).toBeVisible();
    await expect(page.getByText("Succeeded")).toBeVisible();

    // the link works once
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Nothing was done" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Approve run" })).toHaveCount(0);
  });

  test("a supervisor rejects a waiting run in the app", async ({ page, browser, loginAs }) => {
    test.setTimeout(120_000);
    const admin = await browser.newContext();
    await signIn(admin, "admin@northwind.test");
    const { runId } = await runAwaitingApproval(admin.request, 4);
    await admin.close();

    await loginAs("supervisor@northwind.test");
    await page.goto(`/playbooks/runs/${runId}`);
    await expect(page.getByText("Waiting for a supervisor's approval.")).toBeVisible();
    await page.getByLabel("Note (optional)").fill("Guard was reassigned, nothing to do");
    await page.getByRole("button", { name: "Reject run" }).click();
    // the decision, then the refetch of the run, on a machine that may be busy
    await expect(page.getByText(/Rejected by .* in the app/)).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText("Rejected", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Approve run" })).toHaveCount(0);
  });
});
