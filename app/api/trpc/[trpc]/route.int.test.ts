import type { Session } from "next-auth";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/trpc/limits";
import { createTestTenant, sessionFor, type TestTenant } from "@/server/test/factories";
import { GET, POST } from "./route";

// The context reads the session from Auth.js's request scope, which a test has not got.
const session = vi.hoisted(() => ({ current: null as Session | null }));
vi.mock("@/server/auth", () => ({ auth: () => Promise.resolve(session.current) }));

let t: TestTenant;
beforeAll(async () => {
  t = await createTestTenant("trpc-route");
  session.current = sessionFor(t.users.noc_operator);
});

const batch = (n: number) =>
  GET(
    new Request(
      `http://localhost/api/trpc/${Array.from({ length: n }, () => "me.get").join(",")}?batch=1&input=${encodeURIComponent("{}")}`,
    ),
  );

describe("tRPC route", () => {
  it("answers a batch of up to the cap, and refuses a larger one naming the cap", async () => {
    const ok = await batch(TRPC_MAX_BATCH_SIZE);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as unknown[]).length).toBe(TRPC_MAX_BATCH_SIZE);

    for (const n of [TRPC_MAX_BATCH_SIZE + 1, 100]) {
      const refused = await batch(n);
      expect(refused.status).toBe(400);
      const body = (await refused.json()) as {
        error: { json: { message: string; data: { code: string } } };
      };
      expect(body.error.json.data.code).toBe("BAD_REQUEST");
      expect(body.error.json.message).toBe(
        `A batch may hold at most ${TRPC_MAX_BATCH_SIZE} calls; this one has ${n}. Send the rest in another request.`,
      );
    }
  });

  it("refuses a mutation posted from another site's page, not one without Origin", async () => {
    const post = (headers: Record<string, string>) =>
      POST(
        new Request("http://localhost/api/trpc/notification.markRead", {
          method: "POST",
          headers: { host: "localhost", "content-type": "application/json", ...headers },
          body: JSON.stringify({ json: {} }),
        }),
      );
    const foreign = await post({ origin: "https://evil.test" });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: string }).error).toMatch(/Cross-site requests/);
    expect((await post({ origin: "null" })).status).toBe(403);
    // a forged X-Forwarded-Host does not make the foreign origin ours
    expect(
      (await post({ origin: "https://evil.test", "x-forwarded-host": "evil.test" })).status,
    ).toBe(403);
    expect((await post({ origin: "http://localhost" })).status).toBe(200);
    expect((await post({})).status).toBe(200);
  });
});
