import { describe, expect, it } from "vitest";
import { SUMMARY_AFTER, summarizeOutgoing } from "./summarize";

const row = (i: number, over: Record<string, unknown> = {}) => ({
  tenantId: "t",
  channel: "email" as const,
  recipient: "sup@example.test",
  userId: "u1",
  kind: "ticket_escalated",
  subject: `Escalated to P1: #${i}`,
  body: `ticket ${i}`,
  link: `/sla?ticket=${i}`,
  dedupeKey: `ticket:${i}:escalated:1:email:u1`,
  ...over,
});

describe("summarizeOutgoing", () => {
  it("keeps a few of a kind as they are", () => {
    const rows = Array.from({ length: SUMMARY_AFTER }, (_, i) => row(i));
    expect(summarizeOutgoing(rows)).toEqual(rows);
  });

  it("folds a recipient's flood of one kind into one summary naming the first items", () => {
    const flood = Array.from({ length: 25_000 }, (_, i) => row(i));
    const other = row(1, { recipient: "other@example.test", userId: "u2", dedupeKey: "x" });
    const alert = row(2, { kind: "alert_escalated", subject: "Escalated: fire", dedupeKey: "y" });
    const out = summarizeOutgoing([...flood, other, alert]);
    expect(out).toHaveLength(3);
    const [summary] = out;
    expect(summary).toMatchObject({
      channel: "email",
      recipient: "sup@example.test",
      userId: "u1",
      kind: "ticket_escalated",
      link: "/notifications",
      subject: "Escalated tickets: 25,000 at once (Escalated to P1: #0, and 24,999 more)",
    });
    expect(summary?.body).toContain("- Escalated to P1: #19");
    expect(summary?.body).not.toContain("#20\n");
    expect(summary?.body).toContain("…and 24,980 more.");
    expect(out.slice(1)).toEqual([other, alert]);
  });

  it("gives the same items the same key, whatever their order, and other items another", () => {
    const items = Array.from({ length: 12 }, (_, i) => row(i));
    const key = summarizeOutgoing(items)[0]?.dedupeKey;
    expect(summarizeOutgoing([...items].reverse())[0]?.dedupeKey).toBe(key);
    expect(summarizeOutgoing([...items, row(99)])[0]?.dedupeKey).not.toBe(key);
  });
});
