import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { chromium, type Browser } from "playwright-core";
import { DEMO_PASSWORD } from "@/server/seed/logins";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const MAIN_PAGES = [
  "/sla",
  "/overview",
  "/noc",
  "/shifts",
  "/vendors",
  "/work-orders",
  "/devices",
  "/scorecards",
];

type Paint = { ttfb: number; fcp: number; lcp: number };

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const ms = (x: number | undefined) => `${Math.round(x ?? NaN)} ms`;
  return `min ${ms(s[0])}, median ${ms(s[Math.floor((s.length - 1) / 2)])}, max ${ms(s.at(-1))}`;
};

/** The signed-in cookies of one demo user, through the Auth.js API as e2e/fixtures.ts does. */
async function signedInState(browser: Browser, base: string, email: string) {
  const context = await browser.newContext({ baseURL: base });
  const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const res = await context.request.post("/api/auth/callback/credentials", {
    form: { email, password: DEMO_PASSWORD, csrfToken, callbackUrl: "/" },
    maxRedirects: 0,
  });
  if (res.status() !== 302 || (res.headers()["location"] ?? "").includes("error="))
    throw new Error(`could not sign in as ${email}: ${res.status()}`);
  const state = await context.storageState();
  await context.close();
  return state;
}

/** One cold load (fresh context, empty cache) of `path`: Chromium's own paint timings. */
async function loadOnce(
  browser: Browser,
  base: string,
  state: Awaited<ReturnType<typeof signedInState>>,
  path: string,
): Promise<Paint> {
  const context = await browser.newContext({
    baseURL: base,
    storageState: state,
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  const res = await page.goto(path, { waitUntil: "load" });
  if (!res?.ok()) throw new Error(`${path} answered ${res?.status()}`);
  // LCP settles once the streamed parts have painted; give it a moment after load
  await page.waitForTimeout(500);
  const paint = await page.evaluate(
    () =>
      new Promise<Paint>((resolve) => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
        new PerformanceObserver((list) => {
          const last = list.getEntries().at(-1);
          resolve({ ttfb: nav.responseStart, fcp, lcp: last?.startTime ?? NaN });
        }).observe({ type: "largest-contentful-paint", buffered: true });
      }),
  );
  await context.close();
  return paint;
}

/**
 * First contentful paint of the main pages against a running production app
 * (`npm run build && npm start`; BENCH_APP_URL, default :3000), in Chromium: per page,
 * BENCH_PAINT_LOADS cold loads (default 6) as BENCH_PAINT_USER (default the Northwind admin,
 * who sees the whole `--scale large` tenant), min / median / max of time to first byte, first
 * contentful paint and largest contentful paint. `npm run bench -- paint /sla,/noc` measures
 * only those pages. quality.md's bar: a main page paints within 1 s on the large set.
 */
export async function benchPaint(): Promise<void> {
  const base = process.env.BENCH_APP_URL ?? "http://localhost:3000";
  const loads = Number(process.env.BENCH_PAINT_LOADS ?? 6);
  const email = process.env.BENCH_PAINT_USER ?? "admin@northwind.test";
  const pages = process.argv[3]?.split(",").filter(Boolean) ?? MAIN_PAGES;
  const executablePath = existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
  const browser = await chromium.launch({ executablePath });
  try {
    const state = await signedInState(browser, base, email);
    // one warm-up load: the first request of a fresh `next start` compiles and caches routes
    await loadOnce(browser, base, state, pages[0] ?? "/overview");
    console.log(`paint: ${base}, ${loads} cold loads per page as ${email}`);
    for (const path of pages) {
      const runs: Paint[] = [];
      for (let i = 0; i < loads; i++) runs.push(await loadOnce(browser, base, state, path));
      const load = loadavg()
        .map((l) => l.toFixed(2))
        .join(" ");
      console.log(`${path}`);
      console.log(`  first contentful paint   ${stats(runs.map((r) => r.fcp))}`);
      console.log(`  largest contentful paint ${stats(runs.map((r) => r.lcp))}`);
      console.log(`  time to first byte       ${stats(runs.map((r) => r.ttfb))}`);
      console.log(`  load average ${load}`);
    }
  } finally {
    await browser.close();
  }
}
