// first: Next's request storage needs AsyncLocalStorage on globalThis, as `next start` sets it
import "next/dist/server/node-environment-baseline";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { alertCreateInput } from "@/lib/schemas/noc";
import { ticketCreateInput } from "@/lib/schemas/sla";
import { noteInput, portalMoveInput } from "@/lib/schemas/vendors";
import { appRouter } from "@/server/api/root";
import {
  badInputFor,
  badJsonText,
  badString,
  badValue,
  draw,
  explains,
  SEED,
  show,
  type Pools,
} from "@/server/test/bad-input";
import { createTestDevice, createTestGatewayKey } from "@/server/test/devices";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";
import { createShift } from "@/server/test/shift-factories";
import { asRequest, sessionCookie } from "@/server/test/session";
import { attendanceApiInput } from "@/lib/schemas/shifts";
import { POST as postAlert } from "./alerts/route";
import { POST as postAttendance } from "./attendance/route";
import { GET as authGet, POST as authPost } from "./auth/[...nextauth]/route";
import { GET as inngestGet, POST as inngestPost, PUT as inngestPut } from "./inngest/route";
import { GET as live } from "./live/route";
import { POST as postTelemetry } from "./telemetry/route";
import { POST as postTicket } from "./tickets/route";
import { GET as trpcGet, POST as trpcPost } from "./trpc/[trpc]/route";
import { GET as portalFile } from "./v/[token]/attachments/[id]/route";
import { POST as portalUpload } from "./v/[token]/attachments/route";
import { POST as portalMove } from "./v/[token]/move/route";
import { POST as portalNote } from "./v/[token]/notes/route";
import { GET as portalView } from "./v/[token]/route";
import { GET as staffFile } from "./work-orders/[id]/attachments/[aid]/route";
import { POST as staffUpload } from "./work-orders/[id]/attachments/route";

/**
 * Every HTTP route handler gets generated bad input (bodies, path parameters, query strings,
 * uploads, headers) as a real caller of a real tenant: each must answer below 500, and a 4xx of
 * ours must say what was wrong. BAD_INPUT_SEED reproduces a run; BAD_INPUT_RUNS sets the count.
 */
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 200);

process.env.WATCHFLOOR_UPLOAD_DIR = mkdtempSync(path.join(tmpdir(), "wf-bad-input-"));

let t: TestTenant;
let pools: Pools;
let apiKey: string;
let deviceKey: string;
let gatewayKey: string;
let deviceId: string;
let cookie: string;
let tokens: string[];
let workOrderId: string;
let attachmentId: string;

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
]);

beforeAll(async () => {
  const other = await createTestTenant("bad-http-o");
  t = await createTestTenant("bad-http");
  const admin = callerFor(t.users.admin);
  apiKey = (await admin.apiKey.create({ name: "generated input" })).key;
  const device = await createTestDevice(t, { site: 0 });
  [deviceKey, deviceId] = [device.key, device.id];
  gatewayKey = await createTestGatewayKey(t, 0);
  cookie = await sessionCookie(t.users.admin);
  const vendor = await admin.vendor.create({
    name: "Lockfast",
    trades: ["locks"],
    email: "jobs@lockfast.test",
  });
  tokens = [];
  for (let i = 0; i < 4; i++) {
    const wo = await admin.workOrder.create({
      siteId: t.sites[0]?.id ?? "",
      title: `Rekey door ${i}`,
      category: "locks",
      vendorId: vendor.id,
    });
    workOrderId = wo.id;
    const link = await admin.workOrder.sendLink({ id: wo.id });
    tokens.push(link.url.split("/v/")[1] ?? "");
  }
  const form = new FormData();
  form.set("file", new File([PNG], "door.png", { type: "image/png" }));
  const up = await asRequest(staffRequest("POST", form), () =>
    staffUpload(staffRequest("POST", form), params({ id: workOrderId })),
  );
  attachmentId = ((await up.json()) as { id: string }).id;
  const shift = t.sites[0]
    ? await createShift(t.sites[0], { startsAt: new Date(), guard: t.users.guard })
    : null;
  pools = {
    ids: [
      ...t.sites.map((s) => s.id),
      t.clients.gold.id,
      t.users.guard.id,
      shift?.id ?? "",
      workOrderId,
      attachmentId,
      other.sites[0]?.id ?? "",
    ],
  };
});

const params = <T>(p: T) => ({ params: Promise.resolve(p) });

function staffRequest(method: string, body?: BodyInit, extra: Record<string, string> = {}) {
  return new NextRequest("http://localhost/api/work-orders/x/attachments", {
    method,
    body,
    headers: { cookie, ...extra },
  });
}

/** A request as a client would send it; a random address so portal miss limits stay apart. */
function request(url: string, init: RequestInit = {}): NextRequest {
  const headers = new Headers(init.headers);
  headers.set("x-forwarded-for", `10.${rnd()}.${rnd()}.${rnd()}`);
  return new NextRequest(url, { ...init, headers, signal: init.signal ?? undefined });
}
const rnd = () => Math.floor(Math.random() * 250);

/** JSON text for a generated value (fall back to a string for what JSON cannot hold). */
function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "null";
  } catch {
    return String(value);
  }
}

const jsonBody = (schema: unknown) =>
  fc.oneof(
    { weight: 4, arbitrary: badInputFor(schema, pools).map(json) },
    { weight: 1, arbitrary: badJsonText },
  );

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  { weight: 1, arbitrary: fc.constantFrom("text/plain", "", "application/json; charset=utf-16") },
);

/** A header-safe rendering of a bad string (headers cannot carry NUL, CR, LF or non-Latin-1). */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e\x80-\xff]/g, "?").slice(0, 4000);

const token = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...tokens) },
    { weight: 1, arbitrary: badString },
  );
const id = () =>
  fc.oneof(
    { weight: 2, arbitrary: badString },
    { weight: 1, arbitrary: fc.constantFrom(...pools.ids) },
  );

/** Multipart bodies: odd names, types and bytes, missing fields, or not multipart at all. */
const upload = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({
        name: badString,
        type: fc.oneof(badString, fc.constantFrom("image/png", "application/pdf", "")),
        field: fc.constantFrom("file", "file", "file", "other", "__proto__"),
        png: fc.boolean(),
        junk: fc.uint8Array({ maxLength: 64 }),
      })
      .map(({ name, type, field, png, junk }) => {
        const form = new FormData();
        form.set(field, new File([png ? PNG : junk], name, { type: headerSafe(type) }));
        return {
          body: form as BodyInit,
          type: undefined as string | undefined,
          what: show({ name, type, field, png }),
        };
      }),
  },
  {
    weight: 1,
    arbitrary: badJsonText.map((text) => ({
      body: text as BodyInit,
      type: "multipart/form-data; boundary=x" as string | undefined,
      what: show(text),
    })),
  },
);

const paths = Object.keys(appRouter._def.procedures);

/** tRPC requests: junk paths, inputs that are not JSON or not valid superjson, bad batches. */
const trpcInput = fc.oneof(
  badJsonText,
  badInputFor(undefined, { ids: [] }).map((v) => json({ json: v })),
  badValue.map((v) => json({ 0: { json: v } })),
  fc.constantFrom(
    '{"0":{"json":{"id":"x"},"meta":{"values":{"id":["Date"]}}}}',
    '{"0":{"json":{"startsAt":"garbage"},"meta":{"values":{"startsAt":["Date"]}}}}',
    '{"0":{"json":{"a":1},"meta":{"values":{"a":["custom","nope"]}}}}',
    '{"0":{"json":1,"meta":{"values":["map"]}}}',
    '{"0":{"json":{"a":[]},"meta":{"values":{"a":["set"]},"referentialEqualities":{"a":["b.c"]}}}}',
    '{"0":{"json":null,"meta":{"values":{"__proto__.polluted":["undefined"]}}}}',
    '{"0":{"json":{"x":"1"},"meta":{"values":{"x":["bigint"]}}}}',
    '{"0":{"json":{"x":"zz"},"meta":{"values":{"x":["bigint"]}}}}',
    '{"0":{"json":{"x":"/(/"},"meta":{"values":{"x":["regexp"]}}}}',
  ),
);
const trpcPath = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...paths) },
  { weight: 1, arbitrary: fc.constantFrom(...paths).map((p) => `${p},${p},${p}`) },
  {
    weight: 1,
    arbitrary: badString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "?"))),
  },
);

type Sent = { what: string; res: Response; ours: boolean };
type Route = { name: string; send: () => fc.Arbitrary<() => Promise<Sent>> };

const ours = (what: string, res: Response): Sent => ({ what, res, ours: true });
const theirs = (what: string, res: Response): Sent => ({ what, res, ours: false });

const routes: Route[] = [
  ...(
    [
      ["POST /api/alerts", postAlert, alertCreateInput],
      ["POST /api/tickets", postTicket, ticketCreateInput],
      ["POST /api/attendance", postAttendance, attendanceApiInput],
    ] as const
  ).map(([name, handler, schema]) => ({
    name,
    send: () =>
      fc
        .tuple(jsonBody(schema), contentType, fc.option(badString))
        .map(([body, type, key]) => async () => {
          const headers: Record<string, string> = {
            authorization: `Bearer ${apiKey}`,
            "content-type": type,
          };
          if (key !== null) headers["idempotency-key"] = headerSafe(key);
          const res = await handler(
            request("http://localhost/x", { method: "POST", headers, body }),
          );
          return ours(`${show(body)} type=${type} key=${show(key)}`, res);
        }),
  })),
  {
    name: "POST /api/telemetry",
    send: () =>
      fc
        .tuple(
          fc.oneof(
            { weight: 1, arbitrary: badJsonText },
            { weight: 1, arbitrary: badValue.map(json) },
            {
              weight: 4,
              arbitrary: fc
                .array(
                  fc.oneof(
                    badValue,
                    fc.record(
                      {
                        deviceId: fc.oneof(badString, fc.constantFrom(...pools.ids, deviceId)),
                        ts: fc.oneof(badValue, fc.constant(new Date().toISOString())),
                        battery: badValue,
                        signal: badValue,
                        temperature: badValue,
                        online: badValue,
                        reboots: badValue,
                      },
                      { requiredKeys: [] },
                    ),
                  ),
                  { maxLength: 8 },
                )
                .map((readings) => json({ readings })),
            },
          ),
          contentType,
          fc.constantFrom("device", "gateway", "tenant", "junk"),
        )
        .map(([body, type, key]) => async () => {
          const bearer =
            { device: deviceKey, gateway: gatewayKey, tenant: apiKey }[key as string] ?? "wfd_junk";
          const res = await postTelemetry(
            request("http://localhost/api/telemetry", {
              method: "POST",
              headers: { authorization: `Bearer ${bearer}`, "content-type": type },
              body,
            }),
          );
          return ours(`${show(body)} type=${type} key=${key}`, res);
        }),
  },
  {
    name: "GET /api/live",
    send: () =>
      fc
        .tuple(badString, fc.constantFrom("cookie", "cookie", "none", "junk"))
        .map(([query, auth]) => async () => {
          const stop = new AbortController();
          const headers: Record<string, string> = {};
          if (auth === "cookie") headers.cookie = cookie;
          if (auth === "junk") headers.cookie = `authjs.session-token=${headerSafe(query)}`;
          const url = `http://localhost/api/live?q=${query.replace(/[^\x21-\x7e]/g, "%00")}&%E0%A4%A=1`;
          const req = request(url, { headers, signal: stop.signal });
          const res = await asRequest(req, () => live(req));
          if (res.status < 400) {
            stop.abort();
            await res.body?.cancel().catch(() => undefined);
          }
          return ours(`${show(query)} auth=${auth}`, res);
        }),
  },
  {
    name: "GET /api/v/<token>",
    send: () =>
      token().map(
        (tk) => async () =>
          ours(
            show(tk),
            await portalView(request("http://localhost/api/v/t"), params({ token: tk })),
          ),
      ),
  },
  ...(
    [
      ["POST /api/v/<token>/move", portalMove, portalMoveInput],
      ["POST /api/v/<token>/notes", portalNote, noteInput],
    ] as const
  ).map(([name, handler, schema]) => ({
    name,
    send: () =>
      fc.tuple(token(), jsonBody(schema), contentType).map(([tk, body, type]) => async () => {
        const req = request("http://localhost/api/v/t/x", {
          method: "POST",
          headers: { "content-type": type },
          body,
        });
        return ours(
          `${show(tk)} ${show(body)} type=${type}`,
          await handler(req, params({ token: tk })),
        );
      }),
  })),
  {
    name: "POST /api/v/<token>/attachments",
    send: () =>
      fc.tuple(token(), upload).map(([tk, up]) => async () => {
        const headers: Record<string, string> = up.type ? { "content-type": up.type } : {};
        const req = request("http://localhost/api/v/t/attachments", {
          method: "POST",
          headers,
          body: up.body,
        });
        return ours(`${show(tk)} ${up.what}`, await portalUpload(req, params({ token: tk })));
      }),
  },
  {
    name: "GET /api/v/<token>/attachments/<id>",
    send: () =>
      fc.tuple(token(), id()).map(([tk, aid]) => async () => {
        const req = request("http://localhost/api/v/t/attachments/a");
        return ours(
          `${show(tk)} ${show(aid)}`,
          await portalFile(req, params({ token: tk, id: aid })),
        );
      }),
  },
  {
    name: "POST /api/work-orders/<id>/attachments",
    send: () =>
      fc.tuple(id(), upload).map(([woId, up]) => async () => {
        const req = staffRequest("POST", up.body, up.type ? { "content-type": up.type } : {});
        const res = await asRequest(req, () => staffUpload(req, params({ id: woId })));
        return ours(`${show(woId)} ${up.what}`, res);
      }),
  },
  {
    name: "GET /api/work-orders/<id>/attachments/<aid>",
    send: () =>
      fc.tuple(id(), id()).map(([woId, aid]) => async () => {
        const req = staffRequest("GET");
        const res = await asRequest(req, () => staffFile(req, params({ id: woId, aid })));
        return ours(`${show(woId)} ${show(aid)}`, res);
      }),
  },
  {
    name: "GET /api/trpc/<path>",
    send: () =>
      fc.tuple(trpcPath, trpcInput, fc.boolean()).map(([p, input, batch]) => async () => {
        const q = `${batch ? "batch=1&" : ""}input=${encodeURIComponent(input.replace(/[\ud800-\udfff]/g, "\ufffd"))}`;
        const req = request(`http://localhost/api/trpc/${p}?${q}`, { headers: { cookie } });
        return ours(`${p} ${show(input)}`, await asRequest(req, async () => trpcGet(req)));
      }),
  },
  {
    name: "POST /api/trpc/<path>",
    send: () =>
      fc
        .tuple(trpcPath, trpcInput, fc.boolean(), contentType)
        .map(([p, body, batch, type]) => async () => {
          const req = request(`http://localhost/api/trpc/${p}${batch ? "?batch=1" : ""}`, {
            method: "POST",
            headers: { cookie, "content-type": type },
            body,
          });
          return ours(
            `${p} ${show(body)} type=${type}`,
            await asRequest(req, async () => trpcPost(req)),
          );
        }),
  },
  {
    name: "GET /api/auth/*",
    send: () =>
      fc
        .tuple(
          fc.constantFrom(
            "session",
            "csrf",
            "providers",
            "signin",
            "signout",
            "error",
            "callback/credentials",
            "nope",
          ),
          badString,
        )
        .map(([action, q]) => async () => {
          const url = `http://localhost/api/auth/${action}?callbackUrl=${encodeURIComponent(q.replace(/[\ud800-\udfff]/g, "?"))}&error=${encodeURIComponent(headerSafe(q))}`;
          const req = request(url, {
            headers: { cookie: `authjs.session-token=${headerSafe(q)}` },
          });
          return theirs(`${action} ${show(q)}`, await authGet(req));
        }),
  },
  {
    name: "POST /api/auth/*",
    send: () =>
      fc
        .tuple(
          fc.constantFrom(
            "callback/credentials",
            "signin/credentials",
            "signout",
            "session",
            "nope",
          ),
          badString,
          badString,
        )
        .map(([action, email, password]) => async () => {
          const clean = (s: string) => s.replace(/[\ud800-\udfff]/g, "?");
          const body = new URLSearchParams({
            email: clean(email),
            password: clean(password),
            csrfToken: "x",
          });
          const req = request(`http://localhost/api/auth/${action}`, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body,
          });
          return theirs(`${action} ${show(email)} ${show(password)}`, await authPost(req));
        }),
  },
  ...(
    [
      ["GET /api/inngest", inngestGet, "GET"],
      ["POST /api/inngest", inngestPost, "POST"],
      ["PUT /api/inngest", inngestPut, "PUT"],
    ] as const
  ).map(([name, handler, method]) => ({
    name,
    send: () =>
      fc.tuple(badString, badJsonText).map(([q, body]) => async () => {
        const url = `http://localhost/api/inngest?fnId=${encodeURIComponent(q.replace(/[\ud800-\udfff]/g, "?"))}&stepId=step`;
        const req = request(url, {
          method,
          headers: { "content-type": "application/json" },
          ...(method === "GET" ? {} : { body }),
        });
        return theirs(`${show(q)} ${show(body)}`, await handler(req, undefined));
      }),
  })),
];

describe("the bad input issue 13 found", () => {
  it("is a 400 naming the parameter or field, and a malformed link still looks unknown", async () => {
    const [tk] = tokens;
    const staffGet = (p: { id: string; aid: string }) => {
      const req = staffRequest("GET");
      return asRequest(req, () => staffFile(req, params(p)));
    };
    const staffPost = (woId: string) => {
      const form = new FormData();
      form.set("file", new File([PNG], "door.png", { type: "image/png" }));
      const req = staffRequest("POST", form);
      return asRequest(req, () => staffUpload(req, params({ id: woId })));
    };
    const note = (body: string) =>
      portalNote(
        request("http://localhost/api/v/t/notes", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        }),
        params({ token: tk ?? "" }),
      );
    const cases: [Promise<Response>, number, RegExp][] = [
      [staffGet({ id: "not-a-uuid", aid: attachmentId }), 400, /^id: Not a valid id/],
      [staffGet({ id: workOrderId, aid: "1 OR 1=1" }), 400, /^aid: Not a valid id/],
      [staffPost("nope"), 400, /^id: Not a valid id/],
      [
        portalFile(request("http://localhost/x"), params({ token: tk ?? "", id: "x\u0000" })),
        400,
        /^id: Not a valid id/,
      ],
      [
        portalView(request("http://localhost/x"), params({ token: "bad\u0000" })),
        404,
        /no longer valid/,
      ],
      [note(JSON.stringify({ note: "done\u0000" })), 400, /^note: .*NUL/],
      [note(JSON.stringify({ note: "done \ud800" })), 400, /^note: .*surrogate/],
      [
        postAlert(
          request("http://localhost/api/alerts", {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
            body: JSON.stringify({
              siteId: t.sites[0]?.id,
              type: "INTRUSION",
              severity: "high",
              title: "gate\u0000",
            }),
          }),
        ),
        400,
        /^title: .*NUL/,
      ],
      [
        Promise.resolve(authGet(request("http://localhost/api/auth/session?callbackUrl=%00"))),
        400,
        /callbackUrl/,
      ],
      [
        inngestPost(
          request("http://localhost/api/inngest", { method: "POST", body: "{not json" }),
          undefined,
        ),
        400,
        /not valid JSON/,
      ],
    ];
    for (const [res, status, message] of cases) {
      const r = await res;
      expect(r.status).toBe(status);
      expect(((await r.json()) as { error: string }).error).toMatch(message);
    }
  });
});

describe("HTTP routes under generated bad input", () => {
  it("answer every bad input below 500, and our 4xx say what was wrong", async () => {
    console.log(`bad-input seed ${SEED} (set BAD_INPUT_SEED to change it), ${RUNS} per route`);
    const failures: string[] = [];
    const counts: string[] = [];
    for (const [i, route] of routes.entries()) {
      const statuses = new Map<number, number>();
      for (const send of draw(route.send(), RUNS, 1000 + i)) {
        let sent: Sent;
        try {
          sent = await send();
        } catch (err) {
          failures.push(`${route.name} threw ${String(err)}`);
          continue;
        }
        const { res, what } = sent;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const text = res.status >= 400 ? await res.text() : "";
        // tests run without an executor: Inngest's sync (PUT) rightly fails to reach it
        if (route.name === "PUT /api/inngest" && res.status === 500 && /fetch failed/.test(text))
          continue;
        if (res.status >= 500) failures.push(`${route.name} ${what} → ${res.status} ${show(text)}`);
        else if (res.status >= 400 && sent.ours) {
          const message = messageOf(text);
          if (!explains(message))
            failures.push(`${route.name} ${what} → ${res.status} unclear: ${show(text)}`);
        } else if (!res.bodyUsed) await res.body?.cancel().catch(() => undefined);
      }
      counts.push(`${route.name}: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(" ")}`);
    }
    console.log(`bad-input statuses:\n${counts.join("\n")}`);
    if (failures.length) console.log(`bad-input failures:\n${failures.join("\n")}`);
    expect({}).not.toHaveProperty("polluted");
    expect(failures).toEqual([]);
  }, 300_000);
});

/** The message of a JSON error body: ours is `{error}`, tRPC's `{error: {message}}` (or a batch). */
function messageOf(text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  const first = Array.isArray(body) ? body.find((b) => (b as { error?: unknown }).error) : body;
  const error = (first as { error?: unknown } | null)?.error;
  if (typeof error === "string") return error;
  const json = (error as { json?: { message?: unknown } } | undefined)?.json;
  return json?.message ?? (error as { message?: unknown } | undefined)?.message;
}
