import { eq } from "drizzle-orm";
import type { Session } from "next-auth";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db, schema } from "@/server/db";
import { generateScorecard } from "@/server/services/scorecards/generate";
import { pastMonths } from "@/server/services/scorecards/queries";
import { createTestTenant, sessionFor, type TestTenant } from "@/server/test/factories";
import { GET } from "./route";
import { jobContext } from "@/server/services/_core/system";

// `auth()` answers the session of the user the test acts as, everything else is real.
const session = vi.hoisted(() => ({ current: null as Session | null }));
vi.mock("@/server/auth", () => ({ auth: () => Promise.resolve(session.current) }));

let t: TestTenant;
let other: TestTenant;
const month = pastMonths(new Date(), 1)[0] ?? "";

const get = (client: string, m = month, query = "") =>
  GET(new Request(`http://localhost/api/scorecards/${client}/${m}/pdf${query}`), {
    params: Promise.resolve({ client, month: m }),
  });

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("sc-pdf"), createTestTenant("sc-pdf-o")]);
  await db
    .update(schema.clients)
    .set({ createdAt: new Date("2020-01-01T00:00:00Z") })
    .where(eq(schema.clients.tenantId, t.tenant.id));
  await db.insert(schema.userScopes).values({
    tenantId: t.tenant.id,
    userId: t.users.executive.id,
    clientId: t.clients.gold.id,
  });
  const ctx = jobContext(t.tenant.id, "test", db);
  for (const c of [t.clients.gold.id, t.clients.bronze.id])
    await generateScorecard(ctx, { clientId: c, month }, new Date());
});

describe("the scorecard PDF route", () => {
  it("serves an executive their client's PDF, A4 or Letter", async () => {
    session.current = sessionFor(t.users.executive);
    const res = await get(t.clients.gold.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain(`Gold-Client-${month}.pdf`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.toString("latin1")).toMatch(/\/MediaBox \[0 0 595\.\d+ 841\.\d+\]/);
    const letter = Buffer.from(
      await (await get(t.clients.gold.id, month, "?size=letter")).arrayBuffer(),
    );
    expect(letter.toString("latin1")).toMatch(/\/MediaBox \[0 0 612 792\]/);
    // speed is the benchmark's figure (npm run bench -- scorecards), never a timed assertion
  });

  it("refuses clients out of scope, other tenants, other roles and bad months", async () => {
    session.current = sessionFor(t.users.executive);
    expect((await get(t.clients.bronze.id)).status).toBe(404);
    expect((await get(t.clients.gold.id, "2026-13")).status).toBe(400);
    expect((await get("not-a-uuid")).status).toBe(400);
    session.current = sessionFor(other.users.admin);
    expect((await get(t.clients.gold.id)).status).toBe(404);
    session.current = sessionFor(t.users.noc_operator);
    expect((await get(t.clients.gold.id)).status).toBe(403);
    session.current = null;
    expect((await get(t.clients.gold.id)).status).toBe(401);
  });
});
