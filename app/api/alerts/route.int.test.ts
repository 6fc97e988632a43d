import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";
import { POST } from "./route";

let t: TestTenant;
let other: TestTenant;
let key: string;

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("api"), createTestTenant("api-other")]);
  key = (await callerFor(t.users.admin).apiKey.create({ name: "panel bridge" })).key;
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return POST(
    new Request("http://localhost/api/alerts", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

const valid = () => ({
  siteId: t.sites[0]?.id,
  type: "INTRUSION",
  severity: "high",
  title: "Door forced, gate 2",
  fingerprint: `gate-2-${Math.random()}`,
});

describe("POST /api/alerts", () => {
  it("creates an alert for the key's tenant, then counts repeats of its fingerprint", async () => {
    const body = valid();
    const first = await post(body);
    expect(first.status).toBe(201);
    const { id, created } = (await first.json()) as { id: string; created: boolean };
    expect(created).toBe(true);
    const [row] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, id));
    expect(row).toMatchObject({
      tenantId: t.tenant.id,
      source: "api",
      status: "new",
      occurrenceCount: 1,
    });
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id, created: false });
  });

  it("is idempotent on an Idempotency-Key header", async () => {
    const a = await post(valid(), { "idempotency-key": "evt-123" });
    const b = await post(valid(), { "idempotency-key": "evt-123" });
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect(((await b.json()) as { id: string }).id).toBe(((await a.json()) as { id: string }).id);
  });

  it("says clearly what is wrong with a request", async () => {
    const cases: [Promise<Response>, number, RegExp][] = [
      [post(valid(), { authorization: "" }), 401, /API key/],
      [post(valid(), { authorization: "Bearer wf_nope" }), 401, /not valid or has been revoked/],
      [post(valid(), { "content-type": "text/plain" }), 415, /JSON/],
      [post("{not json"), 400, /not valid JSON/],
      [post({ ...valid(), severity: "apocalyptic" }), 400, /severity must be one of critical/],
      [post({ ...valid(), type: "UFO" }), 400, /type must be one of/],
      [post({ ...valid(), title: "" }), 400, /title: Give the alert a title/],
      [post({ ...valid(), siteId: "not-a-uuid" }), 400, /siteId: Not a valid id/],
      [post({ ...valid(), siteId: other.sites[0]?.id }), 404, /Site not found/],
      // a longer key was cut to 200 characters, so two different keys could repeat one alert
      [post(valid(), { "idempotency-key": "k".repeat(201) }), 400, /^idempotency-key header: /],
    ];
    for (const [res, status, message] of cases) {
      const r = await res;
      expect(r.status).toBe(status);
      expect(((await r.json()) as { error: string }).error).toMatch(message);
    }
  });

  it("stops working when the key is revoked", async () => {
    const created = await callerFor(t.users.admin).apiKey.create({ name: "temp" });
    await callerFor(t.users.admin).apiKey.revoke({ id: created.id });
    const r = await post(valid(), { authorization: `Bearer ${created.key}` });
    expect(r.status).toBe(401);
  });
});
