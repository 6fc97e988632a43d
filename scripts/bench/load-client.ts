import { readFileSync } from "node:fs";
import superjson from "superjson";
import { DEMO_PASSWORD } from "@/server/seed/logins";

/** The load bench's client side: a signed-in user's requests, and what the machine is doing. */

/** The machine's CPU ticks since boot, all cores (/proc/stat): busy and in all. */
export function machineCpu() {
  const lines = readFileSync("/proc/stat", "utf8").split("\n");
  const [, ...ticks] = (lines[0] ?? "").trim().split(/\s+/).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0); // idle + iowait
  const total = ticks.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total, cores: lines.filter((l) => /^cpu\d/.test(l)).length };
}

/** What a failed fetch says went wrong underneath (ECONNRESET, a connect timeout...). */
export function networkCause(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/** A signed-in HTTP client: the session cookie of one demo user. */
export async function signIn(base: string, email: string) {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ""] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, csrfToken, callbackUrl: "/" }),
  });
  keep(res);
  if (res.status !== 302 || (res.headers.get("location") ?? "").includes("error="))
    throw new Error(`could not sign in as ${email}: ${res.status}`);
  return cookie();
}

/** The browser's batched tRPC GET (httpBatchLink, superjson): one request for several queries. */
export async function batchQuery(base: string, cookie: string, calls: [string, unknown][]) {
  const input = Object.fromEntries(calls.map(([, i], n) => [n, superjson.serialize(i)]));
  const res = await fetch(
    `${base}/api/trpc/${calls.map(([p]) => p).join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
    { headers: { cookie } },
  );
  if (!res.ok) throw new Error(`batch ${calls.map(([p]) => p).join(",")} answered ${res.status}`);
  const body = (await res.json()) as { result?: { data?: { json?: unknown } } }[];
  return body.map((b) => b.result?.data?.json);
}
