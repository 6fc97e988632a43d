import superjson from "superjson";
import { describe, expect, it } from "vitest";
import type { LiveOut, QueuePatch } from "@/server/api/live";
import { decodeLive, encodeLive } from "./live-wire";

type Row = QueuePatch["rows"][number];
const row = (over: Partial<Row> = {}): Row => ({
  id: "6f1c1f8e-0000-4000-8000-000000000001",
  type: "INTRUSION",
  severity: "high",
  title: 'Door forced "B2", north wing',
  status: "acknowledged",
  score: 87,
  scoredBy: "model",
  occurrences: 3,
  firstSeenAt: new Date("2026-11-29T10:00:00.123Z"),
  lastSeenAt: new Date("2026-11-29T10:05:00Z"),
  acknowledgedAt: new Date("2026-11-29T10:06:00Z"),
  escalated: true,
  suppressed: false,
  clientId: "c1",
  siteId: "s1",
  siteName: "Harbour Tower",
  clientName: "Acme",
  assignedUserId: "u1",
  assigneeName: "Ana Operator",
  assignedGroupId: "g1",
  groupName: "Security Team",
  ...over,
});

const stats = {
  open: { high: 4, low: 1 },
  mttaToday: 3.5,
  mtta7d: null,
  mttrToday: 40,
  mttr7d: 61.2,
  autoResolved7d: 0.42,
  mttr7dWithPlaybook: 12.5,
  mttr7dWithoutPlaybook: 70.1,
};

describe("live wire format", () => {
  it("brings an alert push back as it was sent, times as Dates, ids derived", () => {
    const unscored = row({
      id: "a2",
      score: null,
      scoredBy: null,
      acknowledgedAt: null,
      assignedUserId: null,
      assigneeName: null,
      assignedGroupId: null,
      groupName: null,
    });
    const message: LiveOut = {
      topic: "alert",
      ids: [row().id, "a2", "g9", "r7"],
      queue: { rows: [row(), unscored], gone: ["g9"], resolved: ["r7"], stats },
    };
    const back = decodeLive(encodeLive(message));
    expect(back).toEqual(message);
    if (!("queue" in back)) throw new Error("no queue");
    expect(back.queue.rows[0]?.firstSeenAt).toBeInstanceOf(Date);
    expect(back.queue.rows[0]?.firstSeenAt.getTime()).toBe(
      message.queue.rows[0]?.firstSeenAt.getTime(),
    );
    expect(back.queue.rows[1]?.acknowledgedAt).toBeNull();
  });

  it("sends well under the bytes of the same push in superjson", () => {
    const rows = Array.from({ length: 20 }, (_, i) =>
      row({ id: `6f1c1f8e-0000-4000-8000-0000000000${i + 10}` }),
    );
    const message: LiveOut = {
      topic: "alert",
      ids: rows.map((r) => r.id),
      queue: { rows, gone: [], resolved: [], stats },
    };
    const compact = encodeLive(message).length;
    const before = superjson.stringify(message).length;
    expect(compact).toBeLessThan(before * 0.6);
  });

  it("passes other events through and refuses what is not a message", () => {
    const ready: LiveOut = { topic: "ready", ids: null };
    const job: LiveOut = { topic: "job", ids: ["j1"] };
    expect(decodeLive(encodeLive(ready))).toEqual(ready);
    expect(decodeLive(encodeLive(job))).toEqual(job);
    expect(() => decodeLive("42")).toThrow();
    expect(() => decodeLive("{")).toThrow();
  });
});
