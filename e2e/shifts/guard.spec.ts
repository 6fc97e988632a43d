import type { Browser, BrowserContext, Page } from "@playwright/test";
import { DEMO_PASSWORD } from "@/server/seed/logins";
import { expect, shot, signIn, test, trpcQuery } from "../fixtures";

const GUARD = "guard@northwind.test";
const HUB = "Acme Chicago Hub";

type MyShift = {
  id: string;
  siteName: string;
  canCheckIn: boolean;
  geofence: { latitude: number; longitude: number; radiusM: number };
};
type Tour = {
  name: string;
  siteName: string;
  checkpoints: { name: string; scanPath: string }[];
};

// a guard's phone: small, touch, and a position the test decides
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

type Site = { name: string; latitude: number; longitude: number };

/**
 * What the admin's console shows: each checkpoint's printed QR link (roster.tours, for
 * printing) and where the hub is (site.list).
 */
async function fromTheConsole(browser: Browser, baseURL: string) {
  const admin = await browser.newContext({ baseURL });
  try {
    await signIn(admin, "admin@northwind.test");
    const tours = (await trpcQuery<Tour[]>(admin.request, "roster.tours", {})).data ?? [];
    const sites = (await trpcQuery<Site[]>(admin.request, "site.list", {})).data ?? [];
    const hub = sites.find((s) => s.name === HUB);
    if (!hub) throw new Error(`no site ${HUB}`);
    const scanPath = (site: string, checkpoint: string) => {
      const found = tours
        .filter((t) => t.siteName === site)
        .flatMap((t) => t.checkpoints)
        .find((c) => c.name === checkpoint);
      if (!found) throw new Error(`no checkpoint ${checkpoint} at ${site}`);
      return found.scanPath;
    };
    return { hub, scanPath };
  } finally {
    await admin.close();
  }
}

/** The phone says it is at this place, 15 m accurate (well inside any fence). */
async function standAt(context: BrowserContext, place: { latitude: number; longitude: number }) {
  await context.grantPermissions(["geolocation"]);
  await context.setGeolocation({
    latitude: place.latitude,
    longitude: place.longitude,
    accuracy: 15,
  });
}

/** The guard's shift at the hub open for check-in, and the phone standing at the hub's centre. */
async function standAtTheHub(context: BrowserContext, page: Page) {
  const shifts = await trpcQuery<MyShift[]>(page.request, "myShift.list");
  const shift = shifts.data?.find((s) => s.siteName === HUB && s.canCheckIn);
  if (!shift) throw new Error("the demo guard has no shift to check in to (the seed makes one)");
  await standAt(context, shift.geofence);
  return shift;
}

test.describe("the guard's phone page", () => {
  test("checks in with the phone's position and reads the answer", async ({
    page,
    context,
    loginAs,
  }) => {
    await loginAs(GUARD);
    await standAtTheHub(context, page);
    await page.goto("/");
    await expect(page).toHaveURL(/\/me\/shifts$/);
    await expect(
      page.getByRole("heading", { name: "Good to see you, Gus", level: 1 }),
    ).toBeVisible();
    const mine = page.getByRole("region", { name: "Your shift" });
    await expect(mine).toContainText(HUB);
    const checkIn = mine.getByRole("button", { name: "Check in" });
    // a thumb-sized target
    expect((await checkIn.boundingBox())?.height).toBeGreaterThanOrEqual(48);
    await shot(page, "guard-before-check-in");

    await checkIn.tap();
    const answer = mine.getByRole("status");
    await expect(answer.getByRole("heading", { name: /^Checked in at \d\d:\d\d$/ })).toBeVisible();
    await expect(answer).toContainText(`At ${HUB}`);
    await expect(answer).toContainText(/On time|Late: .* after the start/);
    await expect(mine.getByRole("button", { name: "Check out" })).toBeVisible();
    await expect(mine).toContainText(/Checked in at \d\d:\d\d/);
    await shot(page, "guard-after-check-in");
  });

  test("a scan link signs the guard in, records the scan, and refuses it replayed or at another site", async ({
    browser,
    baseURL,
    page,
    context,
  }) => {
    const { hub, scanPath } = await fromTheConsole(browser, baseURL ?? "");
    const here = scanPath(HUB, "Main entrance");
    const elsewhere = scanPath("Summit Ashburn DC1", "Hall A cage");
    await standAt(context, hub);

    // the camera app opens the link in a browser that is not signed in yet
    await page.goto(here);
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    await page.getByLabel("E-mail").fill(GUARD);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).tap();

    await expect(page).toHaveURL(new RegExp(`${escape(here)}$`));
    const result = page.getByRole("status", { name: "Scan result" });
    await expect(result.getByRole("heading", { name: "Scan recorded" })).toBeVisible();
    await expect(result).toContainText("Main entrance");
    await expect(result).toContainText(`Lobby round · ${HUB}`);
    await shot(page, "guard-scan-recorded");

    // the same code again in this round: refused, saying why
    await page.reload();
    await expect(result.getByRole("heading", { name: "Scan not recorded" })).toBeVisible();
    await expect(result).toContainText(/“Main entrance” was already scanned in this round at/);
    await shot(page, "guard-scan-replayed");

    // another site's checkpoint
    await page.goto(elsewhere);
    await expect(result.getByRole("heading", { name: "Scan not recorded" })).toBeVisible();
    await expect(result).toContainText(
      `This checkpoint is at Summit Ashburn DC1; you are on duty at ${HUB}`,
    );

    // back on the page, the round shows the checkpoint scanned
    await page.getByRole("link", { name: "Back to my shifts" }).tap();
    await expect(page).toHaveURL(/\/me\/shifts$/);
    const lobby = page.getByRole("list", { name: "Checkpoints of Lobby round" });
    await expect(lobby.getByRole("listitem").filter({ hasText: "Main entrance" })).toContainText(
      /Scanned \d\d:\d\d/,
    );

    // a phone that will not share its position: the scan still counts, and the guard is told
    await context.clearPermissions();
    await page.goto(scanPath(HUB, "Loading office"));
    await expect(result.getByRole("heading", { name: "Scan recorded" })).toBeVisible({
      // the browser may leave the question unanswered until the page's 12 s wait for a fix ends
      timeout: 20_000,
    });
    await expect(result).toContainText("Sent without a position");
  });

  test("a guard cannot open the shift board or the NOC, nor call their procedures", async ({
    page,
    loginAs,
  }) => {
    await loginAs(GUARD);
    for (const path of ["/shifts", "/noc"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(
        page.getByRole("heading", { name: "Your role cannot open this page" }),
      ).toBeVisible();
    }
    const board = await trpcQuery(page.request, "shift.board", {});
    expect(board.error?.code).toBe("FORBIDDEN");
    expect(board.data).toBeUndefined();
    const tours = await trpcQuery(page.request, "roster.tours", {});
    expect(tours.error?.code).toBe("FORBIDDEN");
    expect(tours.data).toBeUndefined();
  });

  test("another role cannot open the guard's page", async ({ page, loginAs }) => {
    await loginAs("manager@northwind.test");
    const response = await page.goto("/me/shifts");
    expect(response?.status()).toBe(403);
    const mine = await trpcQuery(page.request, "myShift.list");
    expect(mine.error?.code).toBe("FORBIDDEN");
  });
});

function escape(path: string): string {
  return path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
