import type { TicketPriority, TicketStatus } from "@/lib/sla";
import { formatMinutes } from "@/lib/format";

/**
 * Pure mappers behind a ticket's "explain this SLA" view: the clock strip (which stretches
 * of time counted, stood still or fell outside working hours) and the merged event list.
 */

export type SpanKind = "running" | "paused" | "closed";
export type Span = { from: Date; to: Date; kind: SpanKind };

export const SPAN_LABELS: Record<SpanKind, string> = {
  running: "counting",
  paused: "paused (waiting on the customer)",
  closed: "outside working hours",
};

/** Adjacent spans of one kind merged, each with its place on a 0–100 % strip. */
export function spanSegments(spans: readonly Span[]) {
  const merged: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.from.getTime() - b.from.getTime())) {
    if (s.to <= s.from) continue;
    const last = merged.at(-1);
    if (last && last.kind === s.kind && s.from.getTime() <= last.to.getTime()) {
      if (s.to > last.to) last.to = s.to;
    } else merged.push({ ...s });
  }
  const first = merged[0];
  const last = merged.at(-1);
  if (!first || !last) return [];
  const start = first.from.getTime();
  const total = Math.max(1, last.to.getTime() - start);
  return merged.map((s) => ({
    ...s,
    leftPct: ((s.from.getTime() - start) / total) * 100,
    widthPct: ((s.to.getTime() - s.from.getTime()) / total) * 100,
    minutes: (s.to.getTime() - s.from.getTime()) / 60_000,
  }));
}

/** Minutes per kind over the spans, for the strip's legend. */
export function spanTotals(spans: readonly Span[]): Record<SpanKind, number> {
  const out: Record<SpanKind, number> = { running: 0, paused: 0, closed: 0 };
  for (const s of spanSegments(spans)) out[s.kind] += s.minutes;
  return out;
}

export type SlaEventKind =
  | "opened"
  | "status"
  | "paused"
  | "resumed"
  | "response"
  | "breach"
  | "assigned"
  | "priority"
  | "escalated"
  | "due";

export type SlaEvent = {
  at: Date;
  kind: SlaEventKind;
  title: string;
  detail?: string;
  /** a due time still ahead */
  upcoming?: boolean;
};

type Clock = { dueAt: Date; breached: boolean; breachedAt: Date | null };

export type SlaTimelineInput = {
  ticket: {
    createdAt: Date;
    firstResponseAt: Date | null;
    resolvedAt: Date | null;
    status: TicketStatus;
  };
  changes: readonly { from: TicketStatus | null; to: TicketStatus; at: Date; actor: string }[];
  escalations: readonly {
    level: number;
    fromPriority: TicketPriority;
    toPriority: TicketPriority;
    probability: number;
    at: Date;
  }[];
  timeline: readonly {
    action: string;
    actorLabel: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    createdAt: Date;
  }[];
  sla: { response: Clock; resolution: Clock } | null;
  /** assignee names by id, when the viewer may list them */
  people?: ReadonlyMap<string, string>;
};

const PAUSED: readonly TicketStatus[] = ["pending_customer", "resolved", "closed"];
const words = (s: string) => s.replaceAll("_", " ");

function personName(id: unknown, people: ReadonlyMap<string, string> | undefined): string {
  if (typeof id !== "string" || !id) return "nobody";
  return people?.get(id) ?? "another person";
}

/**
 * Everything that moved the ticket's SLA clocks, oldest first: opening, status changes and
 * the pauses they caused, the first response, breaches, reassignments, priority changes,
 * escalations, and the due times still ahead.
 */
export function slaEvents(input: SlaTimelineInput, now: number): SlaEvent[] {
  const out: SlaEvent[] = [];
  const { ticket, sla } = input;
  let pausedAt: Date | null = null;
  let opened = false;
  for (const c of input.changes) {
    if (c.from === null) {
      opened = true;
      out.push({ at: c.at, kind: "opened", title: "Ticket opened, clocks start", detail: c.actor });
      continue;
    }
    const pausing = PAUSED.includes(c.to) && !PAUSED.includes(c.from);
    const resuming = !PAUSED.includes(c.to) && PAUSED.includes(c.from);
    let detail = `by ${c.actor}`;
    if (resuming && pausedAt)
      detail += ` · paused ${formatMinutes((c.at.getTime() - pausedAt.getTime()) / 60_000)}`;
    out.push({
      at: c.at,
      kind: pausing ? "paused" : resuming ? "resumed" : "status",
      title: `${words(c.from)} → ${words(c.to)}${pausing ? ": resolution clock stops" : resuming ? ": resolution clock resumes" : ""}`,
      detail,
    });
    if (pausing) pausedAt = c.at;
    if (resuming) pausedAt = null;
  }
  if (!opened)
    out.push({ at: ticket.createdAt, kind: "opened", title: "Ticket opened, clocks start" });

  if (ticket.firstResponseAt) {
    const late = sla?.response.breached;
    out.push({
      at: ticket.firstResponseAt,
      kind: "response",
      title: late ? "First response, after the response target" : "First response, within target",
    });
  }
  for (const [name, clock] of [
    ["Response", sla?.response],
    ["Resolution", sla?.resolution],
  ] as const) {
    if (!clock) continue;
    if (clock.breached && clock.breachedAt)
      out.push({ at: clock.breachedAt, kind: "breach", title: `${name} target breached` });
    else if (
      !clock.breached &&
      clock.dueAt.getTime() > now &&
      (name === "Response" ? !ticket.firstResponseAt : !ticket.resolvedAt)
    )
      out.push({ at: clock.dueAt, kind: "due", title: `${name} due`, upcoming: true });
  }

  for (const e of input.escalations)
    out.push({
      at: e.at,
      kind: "escalated",
      title: `Auto-escalated to level ${e.level}: ${e.fromPriority} → ${e.toPriority}`,
      detail: `breach probability ${e.probability.toFixed(2)}`,
    });
  for (const a of input.timeline) {
    if (a.action === "ticket.assign")
      out.push({
        at: a.createdAt,
        kind: "assigned",
        title: `Reassigned: ${personName(a.before?.assigneeId, input.people)} → ${personName(a.after?.assigneeId, input.people)}`,
        detail: `by ${a.actorLabel}`,
      });
    else if (a.action === "ticket.priority")
      out.push({
        at: a.createdAt,
        kind: "priority",
        title: `Priority ${String(a.before?.priority ?? "?")} → ${String(a.after?.priority ?? "?")}: clocks follow the new policy`,
        detail: `by ${a.actorLabel}`,
      });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** "Mon–Fri", "Mon, Wed, Sat", "every day". */
export function formatDays(days: readonly number[]): string {
  const d = [...new Set(days)].filter((x) => x >= 0 && x <= 6).sort((a, b) => a - b);
  if (d.length === 7) return "every day";
  if (!d.length) return "no days";
  const first = d[0] ?? 0;
  const last = d.at(-1) ?? 0;
  if (d.length > 2 && last - first === d.length - 1) return `${DAYS[first]}–${DAYS[last]}`;
  return d.map((x) => DAYS[x]).join(", ");
}

export const WEEKDAYS = DAYS;
