import { readFile } from "node:fs/promises";
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { card, expect, shot, signIn, test, trpcMutation, trpcQuery, unique } from "../fixtures";

declare global {
  interface Window {
    __noReload?: number;
  }
}

type Site = { id: string; name: string; timeZone: string; latitude: number; longitude: number };
type Board = { sites: { shifts: { id: string; postName: string; state: string }[] }[] };

/** The wall clock at a site: its local day ("2026-12-03") and minutes since midnight. */
function siteClock(timeZone: string, at = new Date()) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const hhmm = (minutes: number) => {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};

async function data<T>(call: Promise<{ data?: T; error?: { message: string } }>): Promise<T> {
  const res = await call;
  if (res.error || res.data === undefined) throw new Error(res.error?.message ?? "no data");
  return res.data;
}

/**
 * A shift of its own for each test, whatever the hour the suite runs at: the manager adds a post
 * at one of their gold sites and rosters a guard without other shifts on it for today only,
 * starting in about 20 minutes (at a site where that is still today), so it shows as upcoming
 * and takes a check-in. The schedule is rebuilt in the background, as after any roster change.
 */
async function rosterShiftStartingSoon(manager: APIRequestContext, guardName: string) {
  const sites = await data(trpcQuery<Site[]>(manager, "site.list", {}));
  const site = sites
    .filter((s) => s.name === "Acme Chicago Hub" || s.name === "Acme Newark Port")
    .find((s) => siteClock(s.timeZone).minutes + 30 < 1440);
  if (!site) throw new Error("no manager site where a shift can start today");
  const clock = siteClock(site.timeZone);
  const start = Math.ceil((clock.minutes + 20) / 5) * 5;
  const postName = `E2E post ${unique()}`;
  const post = await data(
    trpcMutation<{ id: string }>(manager, "roster.createPost", { siteId: site.id, name: postName }),
  );
  const template = await data(
    trpcMutation<{ id: string }>(manager, "roster.createTemplate", {
      postId: post.id,
      name: "E2E shift",
      days: [1, 2, 3, 4, 5, 6, 7],
      startTime: hhmm(start),
      endTime: hhmm(start + 240),
      effectiveFrom: clock.day,
      effectiveTo: clock.day,
    }),
  );
  const guards = await data(
    trpcQuery<{ id: string; name: string; email: string }[]>(manager, "roster.guards", {}),
  );
  const guard = guards.find((g) => g.name === guardName);
  if (!guard) throw new Error(`no guard ${guardName}`);
  await data(
    trpcMutation(manager, "roster.createAssignment", {
      templateId: template.id,
      guardId: guard.id,
      startsOn: clock.day,
      endsOn: clock.day,
    }),
  );
  return { site, postName, guard, localMonth: clock.day.slice(0, 7) };
}

/** The board's row of a shift: named by its post (unique per test), guard and times. */
const shiftRow = (page: Page, postName: string) =>
  page.getByRole("row", { name: new RegExp(`^${postName},`) });

async function shiftId(manager: APIRequestContext, siteId: string, postName: string) {
  const board = await data(trpcQuery<Board>(manager, "shift.board", { siteId }));
  const shift = board.sites[0]?.shifts.find((s) => s.postName === postName);
  if (!shift) throw new Error(`no shift on ${postName}`);
  return shift.id;
}

async function waitForLive(page: Page) {
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", {
    timeout: 15_000,
  });
}

test.describe("the shift board", () => {
  // each test rosters a shift and waits for the background rebuild to put it on the board
  test.describe.configure({ timeout: 90_000 });
  let contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });

  test("a site manager's open board shows a guard's check-in without a reload", async ({
    page,
    context,
    browser,
    loginAs,
  }) => {
    await loginAs("manager@northwind.test");
    const { site, postName, guard } = await rosterShiftStartingSoon(context.request, "Freya Lund");
    await page.goto(`/shifts?site=${site.id}`);
    await expect(page.getByRole("heading", { name: "Shifts", level: 1 })).toBeVisible();
    await waitForLive(page);
    const row = shiftRow(page, postName);
    // the schedule is rebuilt in the background; the live board shows the new shift by itself
    await expect(row.getByText("Upcoming")).toBeVisible({ timeout: 30_000 });
    await expect(row.getByText("Freya Lund", { exact: true })).toBeVisible();
    await page.evaluate(() => {
      window.__noReload = 1;
    });

    const guardContext = await browser.newContext();
    contexts.push(guardContext);
    await signIn(guardContext, guard.email);
    const id = await shiftId(context.request, site.id, postName);
    const checkedIn = await trpcMutation(guardContext.request, "myShift.checkIn", {
      shiftId: id,
      position: { latitude: site.latitude, longitude: site.longitude, accuracyM: 8 },
    });
    expect(checkedIn.error).toBeUndefined();

    await expect(row.getByText("On duty")).toBeVisible({ timeout: 10_000 });
    await expect(row.getByText("on site")).toBeVisible();
    expect(await page.evaluate(() => window.__noReload)).toBe(1);
  });

  test("a site manager records a manual check-in and exports the month as CSV", async ({
    page,
    context,
    loginAs,
  }) => {
    await loginAs("manager@northwind.test");
    const { site, postName, localMonth } = await rosterShiftStartingSoon(
      context.request,
      "Emeka Obi",
    );
    await page.goto(`/shifts?site=${site.id}`);
    await expect(page.getByRole("combobox", { name: "Site" })).toHaveValue(site.id);
    const row = shiftRow(page, postName);
    await expect(row.getByText("Upcoming")).toBeVisible({ timeout: 30_000 });
    // the panels beside the board: the new shift is unconfirmed, a coverage risk for its post
    await expect(
      page
        .getByRole("list", { name: "Posts at risk in the next 24 hours" })
        .getByRole("listitem", { name: `${postName}, ${site.name}` }),
    ).toContainText("Not confirmed by the guard");
    await expect(page.getByRole("table", { name: "Compliance per site" })).toContainText(site.name);
    await expect(card(page, "Guard tours · last 30 days")).toContainText(/Coverage|No tour rounds/);
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, "shifts-board");

    await row.getByRole("button", { name: /^Check in Emeka Obi/ }).click();
    const dialog = page.getByRole("dialog", { name: "Record check-in" });
    await expect(dialog.getByText(`${postName}, Emeka Obi`)).toBeVisible();
    // the reason is required: submitting without it says so next to the field
    await dialog.getByRole("button", { name: "Record check-in" }).click();
    await expect(dialog.getByText("Say how the check-in was confirmed")).toBeVisible();
    await dialog
      .getByRole("textbox", { name: "How it was confirmed" })
      .fill("Called the guard at the post; phone battery dead");
    await shot(page, "shifts-manual-check-in");
    await dialog.getByRole("button", { name: "Record check-in" }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByText("On duty")).toBeVisible();

    await page.getByRole("combobox", { name: "Month to export" }).selectOption(localMonth);
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(
      `shifts-${localMonth}-${site.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.csv`,
    );
    const file = await download.path();
    const lines = (await readFile(file, "utf8")).trim().split(/\r\n/);
    expect(lines[0]).toBe(
      "date,client,site,post,guard,start,end,hours,state,checked_in,checked_out,distance_m,findings,excuse,time_zone",
    );
    const line = lines.find((l) => l.includes(postName));
    expect(line).toBeDefined();
    expect(line?.split(",")).toEqual(
      expect.arrayContaining([
        "Acme Logistics",
        site.name,
        postName,
        "Emeka Obi",
        "4.00",
        "on_duty",
        site.timeZone,
      ]),
    );
  });

  for (const email of ["specialist@northwind.test", "executive@northwind.test"]) {
    test(`${email} cannot open the board or read its procedures`, async ({ page, loginAs }) => {
      await loginAs(email);
      const response = await page.goto("/shifts");
      expect(response?.status()).toBe(403);
      await expect(
        page.getByRole("heading", { name: "Your role cannot open this page" }),
      ).toBeVisible();
      await expect(page.getByRole("link", { name: "Shifts", exact: true })).toHaveCount(0);
      for (const procedure of ["shift.board", "shift.coverageRisk"]) {
        const result = await trpcQuery(page.request, procedure, {});
        expect(result.status).toBe(403);
        expect(result.error?.code).toBe("FORBIDDEN");
        expect(result.data).toBeUndefined();
      }
      const csv = await trpcQuery(page.request, "shift.exportCsv", { month: "2026-11" });
      expect(csv.error?.code).toBe("FORBIDDEN");
      expect(csv.data).toBeUndefined();
    });
  }
});
