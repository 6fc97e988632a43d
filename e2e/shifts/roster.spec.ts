import {
  card,
  expect as baseExpect,
  shot,
  signIn,
  test,
  trpcMutation,
  trpcQuery,
  unique,
} from "../fixtures";

// each roster write also asks for a schedule rebuild: on a busy machine a save takes seconds
const expect = baseExpect.configure({ timeout: 15_000 });

type Site = { id: string; name: string };
type Tour = {
  id: string;
  name: string;
  siteId: string;
  checkpoints: { id: string; name: string; scanPath: string }[];
};
type Week = {
  sites: { id: string; shifts: { postName: string; guardName: string | null }[] }[];
};

const SITE = "Meridian Mall Atlanta";
const GUARD = "Zoe Harper";

test.describe("roster editing", () => {
  test("a site manager adds a post, a shift and a guard, and the shifts appear", async ({
    page,
    loginAs,
  }) => {
    const post = `E2E Lobby ${unique()}`;
    await loginAs("manager@northwind.test");
    await page.goto("/shifts/roster");
    await expect(page.getByRole("heading", { name: "Roster", level: 1 })).toBeVisible();
    await page.getByLabel("Site", { exact: true }).selectOption({ label: SITE });
    await expect(page).toHaveURL(/\/shifts\/roster\?site=[0-9a-f-]{36}$/);
    const siteId = new URL(page.url()).searchParams.get("site") ?? "";

    await test.step("a post", async () => {
      await page.getByRole("button", { name: "Add post" }).click();
      const form = card(page, "New post");
      await form.getByLabel("Name").fill(post);
      await form.getByLabel("Description").fill("Main entrance, visitor sign-in");
      await form.getByRole("button", { name: "Create post" }).click();
      await expect(form).toBeHidden();
      await expect(
        page.getByRole("table", { name: "Posts" }).getByRole("row").filter({ hasText: post }),
      ).toContainText("Active");
    });

    await test.step("the server's refusal of a second post of that name shows at its field", async () => {
      await page.getByRole("button", { name: "Add post" }).click();
      const form = card(page, "New post");
      await form.getByLabel("Name").fill(post);
      await form.getByRole("button", { name: "Create post" }).click();
      await expect(
        form.getByRole("alert").filter({ hasText: "already has a post called" }),
      ).toBeVisible();
      await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
      await form.getByRole("button", { name: "Close" }).click();
    });

    await test.step("a shift template on the post", async () => {
      await page.getByRole("button", { name: "Add shift template" }).click();
      const form = card(page, "New shift template");
      await form.getByLabel("Post").selectOption({ label: post });
      await form.getByLabel("Name").fill("Day");
      await form.getByLabel("Starts (site time)").fill("07:00");
      await form.getByLabel("Ends (site time)").fill("15:00");
      await form.getByRole("button", { name: "Create shift" }).click();
      await expect(form).toBeHidden();
      const row = page
        .getByRole("table", { name: "Shift templates" })
        .getByRole("row")
        .filter({ hasText: post });
      await expect(row).toContainText("Every day");
      await expect(row).toContainText("07:00–15:00");
      await expect(row).toContainText("Nobody assigned");
    });

    await test.step("a guard on the shift", async () => {
      await page.getByRole("button", { name: `Assign a guard to ${post} Day` }).click();
      const form = card(page, "Assign a guard");
      await expect(form.getByLabel("Shift")).toHaveValue(/[0-9a-f-]{36}/);
      await form.getByLabel("Guard").selectOption({ label: GUARD });
      await form.getByRole("button", { name: "Assign", exact: true }).click();
      await expect(form).toBeHidden();
      await expect(
        page
          .getByRole("table", { name: "Assignments" })
          .getByRole("row")
          .filter({ hasText: `${post} · Day` }),
      ).toContainText(GUARD);
    });

    await test.step("the rebuilt schedule holds the guard's shifts on the new post", async () => {
      const schedule = card(page, "Schedule, next 14 days");
      // the rebuild runs in the background; its live push refreshes the card
      await expect(
        schedule.getByRole("listitem").filter({ hasText: post }).filter({ hasText: GUARD }).first(),
      ).toBeVisible({ timeout: 60_000 });
      const week = await trpcQuery<Week>(page.request, "shift.week", { siteId, days: 14 });
      const mine = week.data?.sites[0]?.shifts.filter((s) => s.postName === post) ?? [];
      // today's 07:00 may have passed already: 13 or 14 days
      expect(mine.length).toBeGreaterThanOrEqual(13);
      expect(mine.every((s) => s.guardName === GUARD)).toBe(true);
    });
    await shot(page, "shifts-roster");
  });

  test("a tour with two checkpoints, reordered, prints two QR codes with their scan URLs", async ({
    page,
    loginAs,
  }) => {
    const name = `E2E Rounds ${unique()}`;
    await loginAs("manager@northwind.test");
    await page.goto("/shifts/roster");
    await page.getByRole("button", { name: "Add tour" }).click();
    const form = card(page, "New tour");
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Minutes between rounds").fill("60");
    await form.getByLabel("Critical: a missed round raises a NOC alert").check();
    await form.getByRole("button", { name: "Create tour" }).click();
    await expect(page).toHaveURL(/\/shifts\/roster\/tours\/[0-9a-f-]{36}\?site=[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByText("Every day, every 1 h from 20:00 to 06:00")).toBeVisible();

    const add = card(page, "Add checkpoint");
    for (const [cp, where] of [
      ["North gate", "Gate 2, north fence"],
      ["Loading dock", "Dock 4 roller door"],
    ]) {
      await add.getByLabel("Name").fill(cp ?? "");
      await add.getByLabel("Where it hangs").fill(where ?? "");
      await add.getByRole("button", { name: "Add checkpoint" }).click();
      await expect(add.getByRole("status")).toHaveText(`${cp} added at the end of the tour.`);
    }
    const list = page.getByRole("list", { name: "Checkpoints in order" }).getByRole("listitem");
    await expect(list).toHaveCount(2);
    await expect(list.nth(0)).toContainText("North gate");

    await page.getByRole("button", { name: "Move Loading dock up" }).click();
    await expect(list.nth(0)).toContainText("Loading dock");
    await expect(list.nth(1)).toContainText("North gate");
    await shot(page, "shifts-roster-tour");

    const tours = await trpcQuery<Tour[]>(page.request, "roster.tours", {});
    const tour = tours.data?.find((t) => t.name === name);
    expect(tour?.checkpoints.map((c) => c.name)).toEqual(["Loading dock", "North gate"]);

    await page.getByRole("link", { name: "Print QR codes" }).click();
    await expect(page).toHaveURL(/\/print\?site=[0-9a-f-]{36}$/);
    const origin = new URL(page.url()).origin;
    const sheet = page.getByRole("region", { name: `QR codes of ${name}` });
    const codes = sheet.getByRole("img", { name: /^QR code for checkpoint/ });
    await expect(codes).toHaveCount(2);
    for (const [i, c] of (tour?.checkpoints ?? []).entries()) {
      const url = `${origin}${c.scanPath}`;
      expect(c.scanPath).toMatch(/^\/me\/shifts\/scan\/[A-Za-z0-9_-]{43}$/);
      const img = sheet.getByRole("img", {
        name: `QR code for checkpoint ${i + 1}, ${c.name}: ${url}`,
      });
      await expect(img).toHaveAttribute("data-scan-url", url);
      await expect(img).toHaveAttribute("src", /^data:image\/svg\+xml/);
    }
    await shot(page, "shifts-roster-print");

    await test.step("on paper only the sheet shows", async () => {
      await page.emulateMedia({ media: "print" });
      await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
      await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
      await expect(codes.first()).toBeVisible();
    });
  });
});

test.describe("roster editing: who may", () => {
  test("a supervisor and a guard get the 403 page", async ({ browser }) => {
    for (const email of ["supervisor@northwind.test", "guard@northwind.test"]) {
      const context = await browser.newContext();
      await signIn(context, email);
      const page = await context.newPage();
      const response = await page.goto("/shifts/roster");
      expect(response?.status()).toBe(403);
      await expect(
        page.getByRole("heading", { name: "Your role cannot open this page" }),
      ).toBeVisible();
      const write = await trpcMutation(context.request, "roster.createPost", {
        siteId: "3f1c2a4e-0000-4000-8000-000000000000",
        name: "Not allowed",
      });
      expect(write.error?.code).toBe("FORBIDDEN");
      await context.close();
    }
  });

  test("a site manager cannot read or change another site's roster", async ({
    page,
    loginAs,
    browser,
  }) => {
    const admin = await browser.newContext();
    await signIn(admin, "admin@northwind.test");
    const sites = await trpcQuery<Site[]>(admin.request, "site.list", {});
    const other = sites.data?.find((s) => s.name === "Harbor General Hospital");
    expect(other, "a site of a client the manager does not manage").toBeDefined();
    const otherId = other?.id ?? "";
    const tours = await trpcQuery<Tour[]>(admin.request, "roster.tours", { siteId: otherId });
    const otherTour = tours.data?.[0];
    expect(otherTour, "the seeded tour at Harbor General Hospital").toBeDefined();
    await admin.close();

    await loginAs("manager@northwind.test");
    const create = await trpcMutation(page.request, "roster.createPost", {
      siteId: otherId,
      name: `E2E Intruder ${unique()}`,
    });
    expect(create.error?.code).toBe("NOT_FOUND");
    const posts = await trpcQuery<unknown[]>(page.request, "roster.posts", { siteId: otherId });
    expect(posts.data).toEqual([]);
    const checkpoint = await trpcMutation(page.request, "roster.addCheckpoint", {
      tourId: otherTour?.id,
      name: "Sneaky",
    });
    expect(checkpoint.error?.code).toBe("NOT_FOUND");

    await page.goto(`/shifts/roster?site=${otherId}`);
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: "That site was not found among the sites you manage" }),
    ).toBeVisible();
    await expect(page.getByRole("table", { name: "Posts" })).toBeHidden();
    for (const path of [
      `/shifts/roster/tours/${otherTour?.id}`,
      `/shifts/roster/tours/${otherTour?.id}/print`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("img", { name: /^QR code/ })).toHaveCount(0);
    }
  });
});
