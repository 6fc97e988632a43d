import "server-only";
import { createHash } from "node:crypto";
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from "@/lib/notifications";
import type { schema } from "@/server/db";

type Insert = typeof schema.notifications.$inferInsert;

/**
 * More than this many e-mails or Slack posts of one kind to one recipient in one batch go out
 * as one summary: an SLA run that escalates 25,000 tickets at once sent each supervisor 25,000
 * e-mails (and kept the delivery queue busy for an hour). In-app notifications stay one per
 * item; the summary links to them.
 */
export const SUMMARY_AFTER = 10;
/** Items a summary names before "and N more". */
const NAMED = 20;

const count = (n: number) => n.toLocaleString("en");

/** The outgoing rows of a batch, with each recipient's flood of one kind folded into one. */
export function summarizeOutgoing(rows: Insert[]): Insert[] {
  const groups = new Map<string, Insert[]>();
  for (const r of rows) {
    const key = `${r.channel}\u0000${r.recipient}\u0000${r.kind ?? "other"}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const out: Insert[] = [];
  for (const group of groups.values()) {
    const [first] = group;
    if (!first || group.length <= SUMMARY_AFTER) {
      out.push(...group);
      continue;
    }
    const kind = (first.kind ?? "other") as NotificationKind;
    const label = NOTIFICATION_KIND_LABELS[kind] ?? NOTIFICATION_KIND_LABELS.other;
    const named = group
      .slice(0, NAMED)
      .map((r) => `- ${r.subject}`)
      .join("\n");
    const rest = group.length - NAMED;
    // the same items summarised again (a retried batch) give the same key: sent once
    const digest = createHash("sha256")
      .update(
        group
          .map((r) => r.dedupeKey)
          .sort()
          .join("\n"),
      )
      .digest("hex")
      .slice(0, 32);
    out.push({
      ...first,
      subject: `${label}: ${count(group.length)} at once (${first.subject}, and ${count(group.length - 1)} more)`,
      body: `${count(group.length)} notifications of one kind arrived together; each is in your Watchfloor notifications.\n\n${named}${rest > 0 ? `\n…and ${count(rest)} more.` : ""}`,
      link: "/notifications",
      dedupeKey: `summary:${digest}:${first.channel}:${first.recipient}`,
    });
  }
  return out;
}
