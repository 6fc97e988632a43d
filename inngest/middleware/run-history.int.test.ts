import { createHmac } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { Inngest } from "inngest";
import { describe, expect, it, vi } from "vitest";
import { db, schema } from "@/server/db";
import { RunHistory } from "./run-history";

describe("Inngest mode", () => {
  it("records run history through the SDK middleware", async () => {
    const client = new Inngest({ id: "watchfloor", isDev: true, middleware: [RunHistory] });
    const fn = client.createFunction(
      { id: `history-probe-${Date.now()}`, triggers: [{ event: "test/history" }] },
      async ({ step }) => {
        const n = await step.run("count", () => 41);
        return { summary: `counted ${n + 1}` };
      },
    );
    const runId = `run-${Math.random().toString(36).slice(2)}`;
    const engine = new InngestTestEngine({
      function: fn,
      events: [{ name: "test/history", data: { tenantId: null } }],
      transformCtx: (ctx) => ({ ...ctx, runId }),
    });
    const { result } = await engine.execute();
    expect(result).toEqual({ summary: "counted 42" });
    const runs = await db
      .select()
      .from(schema.jobRuns)
      .where(eq(schema.jobRuns.functionId, `watchfloor-${fn.opts.id}`));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      mode: "inngest",
      status: "completed",
      trigger: "event",
      summary: "counted 42",
    });
    const steps = await db
      .select()
      .from(schema.jobRunSteps)
      .where(eq(schema.jobRunSteps.runId, runs[0]?.id ?? ""));
    expect(steps.map((s) => `${s.name}:${s.status}`)).toEqual(["count:completed"]);
  });

  it("serves introspection for Inngest at /api/inngest when a signing key is set", async () => {
    vi.resetModules();
    vi.stubEnv("INNGEST_SIGNING_KEY", "signkey-test-0123456789abcdef0123456789abcdef");
    vi.stubEnv("INNGEST_EVENT_KEY", "event-key-test");
    vi.stubEnv("INNGEST_DEV", "");
    try {
      const { GET } = await import("@/app/api/inngest/route");
      const { functions } = await import("@/inngest/functions");
      // signed as Inngest signs its requests: HMAC-SHA256(key without prefix, body + timestamp)
      const ts = Math.floor(Date.now() / 1000).toString();
      const sig = createHmac("sha256", "0123456789abcdef0123456789abcdef").update(ts).digest("hex");
      const res = await GET(
        new Request("http://localhost:3000/api/inngest", {
          headers: { "x-inngest-signature": `t=${ts}&s=${sig}` },
        }) as never,
        undefined as never,
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        mode: "cloud",
        authentication_succeeded: true,
        has_signing_key: true,
        has_event_key: true,
        // a function with onFailure registers its failure handler as a function of its own
        function_count: functions.length + functions.filter((f) => f.opts.onFailure).length,
        app_id: "watchfloor",
        framework: "nextjs",
      });
      // and unsigned requests are refused
      const unsigned = await GET(
        new Request("http://localhost:3000/api/inngest") as never,
        undefined as never,
      );
      expect(unsigned.status).toBe(401);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
