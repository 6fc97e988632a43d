import http from "node:http";
import { randomBytes, randomInt } from "node:crypto";
import { expect, shot, test } from "../fixtures";

/**
 * The per-address limits against the real server (`next start`): a client that writes a new
 * X-Forwarded-For on every request is still one address. Each test speaks from its own
 * loopback address (127.x.y.z), so the addresses it locks out are nobody else's.
 */
const base = new URL(process.env.E2E_BASE_URL ?? "http://localhost:3100");

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

function send(
  from: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: base.port,
        localAddress: from,
        path,
        method: opts.method ?? "GET",
        headers: { host: base.host, ...opts.headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

const loopback = () => `127.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(2, 255)}`;
const forged = () => `${randomInt(1, 224)}.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
/** A made-up header, alone or prepended to another made-up entry. */
const forgedHeader = (i: number) => (i % 2 ? forged() : `${forged()}, ${forged()}`);
const badToken = () => randomBytes(32).toString("base64url");

test("sign-in: new made-up X-Forwarded-For headers do not escape the per-address limit", async () => {
  // 21 sign-ins, each checking a password hash on purpose slowly: up to a few seconds each on a busy machine
  test.setTimeout(120_000);
  const from = loopback();
  const csrf = await send(from, "/api/auth/csrf");
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const attempt = async (i: number) => {
    const res = await send(from, "/api/auth/callback/credentials", {
      method: "POST",
      headers: {
        cookie,
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": forgedHeader(i),
      },
      // a different unknown account every time: only the address limit can stop this
      body: new URLSearchParams({
        email: `nobody-${i}-${randomInt(1e9)}@guess.test`,
        password: "guess",
        csrfToken,
        callbackUrl: "/",
      }).toString(),
    });
    return res.headers.location ?? `(status ${res.status})`;
  };
  const answers: string[] = [];
  for (let i = 0; i < 21; i++) answers.push(await attempt(i));
  expect(answers[0]).toContain("code=credentials");
  expect(answers.at(-1)).toContain("code=rate_limited");
});

test("vendor portal: made-up X-Forwarded-For headers do not escape the miss limit, API and page alike", async ({
  page: browserPage,
}) => {
  const from = loopback();
  let last = 0;
  for (let i = 0; i < 31; i++)
    last = (
      await send(from, `/api/v/${badToken()}`, { headers: { "x-forwarded-for": forgedHeader(i) } })
    ).status;
  expect(last).toBe(429);

  const page = await send(from, `/v/${badToken()}`, {
    headers: { "x-forwarded-for": forged(), accept: "text/html" },
  });
  expect(page.status).toBe(429);
  expect(page.body).toContain("Too many attempts");
  expect(page.body).not.toContain("This link is no longer valid");

  // how the 429 page looks (served to the browser as captured, so no address of its is limited)
  await browserPage.route("**/v/preview-too-many-attempts", (route) =>
    route.fulfill({ status: 429, contentType: "text/html; charset=utf-8", body: page.body }),
  );
  for (const [width, height, name] of [
    [1440, 900, "portal-429-desktop"],
    [390, 844, "portal-429-phone"],
  ] as const) {
    await browserPage.setViewportSize({ width, height });
    await browserPage.goto("/v/preview-too-many-attempts");
    await expect(browserPage.getByRole("heading", { name: "Too many attempts" })).toBeVisible();
    await shot(browserPage, name);
  }

  // another address still gets the plain 404 page for a bad link
  const fresh = await send(loopback(), `/v/${badToken()}`, { headers: { accept: "text/html" } });
  expect(fresh.status).toBe(404);
  expect(fresh.body).toContain("This link is no longer valid");
});
