import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";
import { POST } from "./route";

let t: TestTenant;
let other: TestTenant;
let key: string;

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("tix"), createTestTenant("tix-other")]);
  key = (await callerFor(t.users.admin).apiKey.create({ name: "helpdesk mailbox" })).key;
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return POST(
    new Request("http://localhost/api/tickets", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

const valid = () => ({
  siteId: t.sites[0]?.id,
  title: "Gate motor failing",
  requester: "facilities@client.test",
  category: "facilities",
  priority: "P2",
});

describe("POST /api/tickets", () => {
  it("opens a ticket with its SLA clock, and is idempotent on the key", async () => {
    const res = await post(valid(), { "idempotency-key": "mail-4711" });
    expect(res.status).toBe(201);
    const { id, number, created } = (await res.json()) as {
      id: string;
      number: number;
      created: boolean;
    };
    expect(created).toBe(true);
    expect(number).toBeGreaterThan(0);
    const [row] = await db.select().from(schema.tickets).where(eq(schema.tickets.id, id));
    expect(row).toMatchObject({ tenantId: t.tenant.id, status: "open", priority: "P2" });
    // P2 runs round the clock: 8 h to resolve, 1 h to respond
    expect(row?.resolutionDueAt?.getTime()).toBe((row?.createdAt.getTime() ?? 0) + 8 * 3_600_000);
    expect(row?.responseDueAt?.getTime()).toBe((row?.createdAt.getTime() ?? 0) + 3_600_000);
    const again = await post(valid(), { "idempotency-key": "mail-4711" });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id, number, created: false });
  });

  it("says what is wrong with a bad body, and writes nothing", async () => {
    const before = await db
      .select({ id: schema.tickets.id })
      .from(schema.tickets)
      .where(eq(schema.tickets.tenantId, t.tenant.id));
    const res = await post({ ...valid(), priority: "P9", title: "" });
    expect(res.status).toBe(400);
    const body = JSON.stringify(await res.json());
    expect(body).toContain("priority must be one of P1, P2, P3, P4");
    expect(body).toContain("Give the ticket a title");
    expect((await post("{not json")).status).toBe(400);
    const after = await db
      .select({ id: schema.tickets.id })
      .from(schema.tickets)
      .where(eq(schema.tickets.tenantId, t.tenant.id));
    expect(after).toHaveLength(before.length);
  });

  it("refuses a missing key, and another tenant's site", async () => {
    const res = await POST(
      new Request("http://localhost/api/tickets", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(valid()),
      }),
    );
    expect(res.status).toBe(401);
    expect((await post({ ...valid(), siteId: other.sites[0]?.id })).status).toBe(404);
  });
});
