import { InngestTestEngine } from "@inngest/test";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runRequestedEvent } from "@/server/events/catalog";
import { db, schema } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { createAlert } from "@/server/services/noc/create-alert";
import { STRAGGLER_AGE_MINUTES } from "@/server/services/noc/retriage";
import { createTestTenant } from "@/server/test/factories";
import { escalationClocksFn } from "./escalation-clocks";
import { triageAlertFn } from "./triage-alert";

const NOW = new Date("2026-12-02T17:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

type Sent = {
  id: string;
  name: string;
  data: { tenantId: string; alertId: string; bulk: boolean };
};

describe("the escalation clocks' straggler sweep", () => {
  it("sends alerts whose triage never ran back to triage, once an hour each, and they get scored", async () => {
    const t = await createTestTenant("stragglers");
    const ctx = jobContext(t.tenant.id, "test");
    const make = async (fingerprint: string) =>
      (
        await createAlert(
          ctx,
          {
            siteId: t.sites[0]?.id ?? "",
            type: "DEVICE_OFFLINE",
            severity: "medium",
            title: fingerprint,
            description: "",
            fingerprint,
            source: "manual",
          },
          NOW,
        )
      ).id;
    // (no executor runs in tests: each alert's triage event is lost)
    const [lost, , resolved, scored] = await Promise.all(
      ["lost", "recent", "resolved", "scored"].map(make),
    );
    const old = minutesAgo(STRAGGLER_AGE_MINUTES + 1);
    await db
      .update(schema.alerts)
      .set({ createdAt: old })
      .where(inArray(schema.alerts.id, [lost ?? "", resolved ?? "", scored ?? ""]));
    await db
      .update(schema.alerts)
      .set({ status: "resolved", resolvedAt: new Date() })
      .where(eq(schema.alerts.id, resolved ?? ""));
    await db
      .update(schema.alerts)
      .set({ score: 40, triagedAt: new Date() })
      .where(eq(schema.alerts.id, scored ?? ""));

    // the clocks themselves are tested on their own; here they would escalate other files' alerts
    const sweep = () =>
      new InngestTestEngine({
        function: escalationClocksFn,
        events: [{ name: runRequestedEvent("escalation-clocks"), data: {} }],
        steps: [
          { id: "now", handler: () => NOW.toISOString() },
          { id: "escalate-overdue", handler: () => ({ checked: 0, escalated: 0 }) },
          // no Inngest here to send to: the sends are recorded, not made
          ...[0, 1, 2, 3].map((n) => ({
            id: `triage-stragglers-${n}`,
            handler: () => ({ ids: [] }),
          })),
        ],
      }).execute();
    const { result, error, ctx: run } = await sweep();
    expect(error).toBeUndefined();
    const sent = callsOf(run.step.sendEvent).flatMap(([, events]) => events as Sent[]);
    const mine = sent.filter((e) => e.data.tenantId === t.tenant.id);
    // not the recent one (its event may still be queued), nor the resolved or scored ones
    expect(mine.map((e) => e.data.alertId)).toEqual([lost]);
    expect(mine[0]).toMatchObject({ name: "noc/alert.created", data: { bulk: true } });
    expect(result).toMatchObject({ stragglers: sent.length });

    // the next sweep within the hour names the same event, which Inngest runs once
    const again = await sweep();
    const resent = callsOf(again.ctx.step.sendEvent).flatMap(([, events]) => events as Sent[]);
    expect(resent.find((e) => e.data.alertId === lost)?.id).toBe(mine[0]?.id);

    // delivered, the event scores the alert
    const triage = await new InngestTestEngine({
      function: triageAlertFn,
      events: [{ name: "noc/alert.created", data: mine[0]?.data ?? {} }],
    }).execute();
    expect(triage.error).toBeUndefined();
    const [row] = await db
      .select()
      .from(schema.alerts)
      .where(eq(schema.alerts.id, lost ?? ""));
    expect(row?.score).not.toBeNull();
    expect(row?.triagedAt).toBeInstanceOf(Date);
  });
});

/** The calls @inngest/test's step spy recorded. */
function callsOf(fn: unknown): unknown[][] {
  return (fn as { mock: { calls: unknown[][] } }).mock.calls;
}
