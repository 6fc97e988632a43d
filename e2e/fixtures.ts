import path from "node:path";
import {
  test as base,
  expect,
  type APIRequestContext,
  type APIResponse,
  type BrowserContext,
  type Page,
} from "@playwright/test";
import { DEMO_PASSWORD } from "@/server/seed/logins";

export { expect };

/** A short random suffix for names that must be unique per run and per worker. */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

type SignInResult = { ok: true } | { ok: false; reason: string };

/**
 * Signs in through the Auth.js API (not the login form): fetch a CSRF token, then post the
 * credentials form. The context's request client shares its cookie jar with the pages.
 */
export async function trySignIn(
  context: BrowserContext,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<SignInResult> {
  const request = context.request;
  const csrf = await request.get("/api/auth/csrf");
  if (!csrf.ok()) return { ok: false, reason: `GET /api/auth/csrf answered ${csrf.status()}` };
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, callbackUrl: "/" },
    maxRedirects: 0,
  });
  const location = res.headers()["location"] ?? "";
  if (res.status() !== 302 || location.includes("error=")) {
    return {
      ok: false,
      reason: `sign-in answered ${res.status()} → ${location || "(no redirect)"}`,
    };
  }
  const session = (await (await request.get("/api/auth/session")).json()) as {
    user?: { email?: string };
  } | null;
  if (session?.user?.email !== email) {
    return { ok: false, reason: `no session for ${email} after sign-in` };
  }
  return { ok: true };
}

export async function signIn(context: BrowserContext, email: string, password?: string) {
  const result = await trySignIn(context, email, password);
  if (!result.ok) throw new Error(`Could not sign in as ${email}: ${result.reason}`);
}

/** A card of the app's pages: a <section> titled by its level-2 heading. */
export function card(page: Page, title: string) {
  return page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: title, exact: true, level: 2 }) });
}

/** Saves a full-page screenshot to test-results/screenshots/<name>.png and attaches it. */
export async function shot(page: Page, name: string) {
  const info = base.info();
  const file = path.join(info.project.outputDir, "screenshots", `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled", caret: "hide" });
  await info.attach(name, { path: file, contentType: "image/png" });
}

// --- tRPC over plain HTTP (superjson envelope: `{ json: … }`, no batching) -------------------

export type TrpcResult<T = unknown> = {
  status: number;
  data?: T;
  error?: { code: string; message: string };
};

async function parseTrpc<T>(res: APIResponse): Promise<TrpcResult<T>> {
  const body = (await res.json()) as {
    result?: { data?: { json?: T } };
    error?: { json?: { message?: string; data?: { code?: string } } };
  };
  return {
    status: res.status(),
    ...(body.result ? { data: body.result.data?.json as T } : {}),
    ...(body.error
      ? {
          error: {
            code: body.error.json?.data?.code ?? "UNKNOWN",
            message: body.error.json?.message ?? "",
          },
        }
      : {}),
  };
}

export async function trpcQuery<T = unknown>(
  request: APIRequestContext,
  procedure: string,
  input?: unknown,
): Promise<TrpcResult<T>> {
  const query =
    input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  return parseTrpc<T>(await request.get(`/api/trpc/${procedure}${query}`));
}

export async function trpcMutation<T = unknown>(
  request: APIRequestContext,
  procedure: string,
  input: unknown,
): Promise<TrpcResult<T>> {
  return parseTrpc<T>(await request.post(`/api/trpc/${procedure}`, { data: { json: input } }));
}

/** Creates an open alert of a test's own at the user's first site (the demo queue is shared and live). */
export async function createOwnAlert(
  request: APIRequestContext,
  title: string,
  severity: "critical" | "high" | "medium" | "low" = "high",
): Promise<string> {
  const sites = await trpcQuery<{ id: string }[]>(request, "site.list", {});
  const res = await trpcMutation<{ id: string }>(request, "alert.create", {
    siteId: sites.data?.[0]?.id,
    type: "INTRUSION",
    severity,
    title,
    fingerprint: title,
  });
  if (!res.data) throw new Error(`alert not created: ${JSON.stringify(res.error)}`);
  return res.data.id;
}

/** `shot` at a desktop and a phone width (`<name>-1440`, `<name>-390`); the page keeps its size after. */
export async function shotsAtWidths(page: Page, name: string) {
  const size = page.viewportSize();
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await shot(page, `${name}-${width}`);
  }
  if (size) await page.setViewportSize(size);
}

/**
 * Waits until the header's bell has loaded the inbox and shows an unread count (every seeded
 * user starts with an unread welcome notification), so screenshots show the settled header
 * (and the page is hydrated: the shell's keys listen).
 */
export async function bellShowsUnread(page: Page, timeout?: number) {
  await expect(
    page.getByRole("banner").getByRole("button", { name: /^Notifications, \d+ unread$/ }),
  ).toBeVisible({ timeout });
}

/**
 * Waits until React has hydrated the page (lib/trpc/client.tsx marks <html data-hydrated>).
 * A page without Next's scripts (a route handler's plain HTML, such as the approval link's
 * answer) has nothing to hydrate.
 */
export async function hydrated(page: Page, timeout = 30_000) {
  await page.waitForFunction(
    () =>
      document.documentElement.dataset.hydrated === "true" ||
      !document.querySelector('script[src*="/_next/"]'),
    null,
    { timeout },
  );
}

export const test = base.extend<{
  /** Signs the page's browser context in as a demo login (or any user with `password`). */
  loginAs: (email: string, password?: string) => Promise<void>;
  /** Fails the test when a page throws an uncaught exception. */
  failOnPageError: void;
}>({
  // a navigation to a page returns once the page has hydrated: a click on server-rendered
  // markup before React listens is lost, and a test then fails on a slow machine (CI did)
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    const settle = async (res: Awaited<ReturnType<Page["goto"]>>) => {
      if ((res?.headers()["content-type"] ?? "").includes("text/html")) await hydrated(page);
      return res;
    };
    page.goto = async (url, options) => settle(await goto(url, options));
    page.reload = async (options) => settle(await reload(options));
    await use(page);
  },
  loginAs: async ({ context }, use) => {
    await use((email, password) => signIn(context, email, password));
  },
  failOnPageError: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (err) => errors.push(`${page.url()}: ${err.message}`));
      await use();
      expect(errors, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});
