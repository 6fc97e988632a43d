import {
  TICKET_CATEGORIES,
  type TicketCategory,
  type TicketPriority,
  type TicketStatus,
} from "@/lib/sla";
import { schema } from "@/server/db";
import type { TimelineCache } from "@/server/services/sla/clock";
import { calendarFor, type EffectivePolicy } from "@/server/services/sla/policy-lookup";
import { commentSentiment } from "@/server/services/sla/ticket-comments";
import type { Random } from "../random";
import {
  ANGRY,
  CATEGORY_DIFFICULTY,
  gauss,
  HAPPY,
  NEUTRAL,
  pickPriority,
  TITLES,
} from "./sla-data";

export type TicketRow = typeof schema.tickets.$inferInsert & { id: string };
type StatusChange = typeof schema.ticketStatusChanges.$inferInsert;
type Comment = typeof schema.ticketComments.$inferInsert;

/**
 * One tenant's demo tickets with their status changes and requester comments: `closedCount`
 * closed ones whose breaches follow real patterns (slow categories, overloaded assignees, late
 * first responses, unhappy customers), then `openCount` open ones at every stage of their clock.
 */
export function ticketHistory(p: {
  r: Random;
  tenantId: string;
  sites: { id: string; clientId: string; timeZone: string }[];
  staff: { id: string }[];
  /** the people who carry most of the load, and breach more */
  busy: Set<string>;
  policyOf: (clientId: string, priority: TicketPriority) => EffectivePolicy;
  timelines: TimelineCache;
  now: number;
  closedCount: number;
  openCount: number;
}) {
  const { r, tenantId, sites, staff, busy, policyOf, timelines, now } = p;
  const tickets: TicketRow[] = [];
  const changes: StatusChange[] = [];
  const comments: Comment[] = [];
  for (let i = 0; i < p.closedCount + p.openCount; i++) {
    const open = i >= p.closedCount;
    const site = r.pick(sites);
    const category: TicketCategory = r.pick(TICKET_CATEGORIES);
    const priority = pickPriority(r);
    const assignee = r.chance(0.93) ? r.pick(staff) : null;
    const policy = policyOf(site.clientId, priority);
    const calendar = calendarFor(policy, site.timeZone, []);
    const timeline = timelines.get(calendar);
    const target = policy.resolutionMinutes;
    // latent difficulty: what makes a ticket breach
    const lateResponse = r.chance(0.25);
    const unhappy = r.chance(0.2);
    const loaded = assignee ? busy.has(assignee.id) : true;
    const difficulty =
      CATEGORY_DIFFICULTY[category] *
      (lateResponse ? 1.45 : 1) *
      (unhappy ? 1.3 : 1) *
      (loaded ? 1.3 : 1) *
      (assignee ? 1 : 1.4) *
      Math.exp(0.35 * gauss(r));
    const id = crypto.randomUUID();
    const createdAt = new Date(
      open
        ? now - Math.round(r.next() * 1.1 * Math.min(target, 3 * 24 * 60)) * 60_000 - 60_000
        : now - r.int(2, 120 * 24 * 60) * 60_000,
    );
    const responseAfter = Math.max(
      1,
      Math.round(
        policy.responseMinutes * (lateResponse ? 1.2 + r.next() * 2 : 0.1 + r.next() * 0.8),
      ),
    );
    const firstResponseAt = new Date(createdAt.getTime() + responseAfter * 60_000);
    const usedMinutes = Math.max(5, Math.round(difficulty * target));
    const pause = r.chance(0.3) ? r.int(30, 8 * 60) : 0;
    const resolvedAt = timeline.add(createdAt, usedMinutes);
    const resolved = resolvedAt ? new Date(resolvedAt.getTime() + pause * 60_000) : null;
    let status: TicketStatus = "resolved";
    if (open) {
      status = r.pick(["open", "in_progress", "in_progress", "pending_customer"] as const);
    } else if (!resolved || resolved.getTime() > now) continue;
    else if (r.chance(0.7)) status = "closed";
    const hasResponse = !open || status !== "open" || !lateResponse;
    const respondedAt = hasResponse && firstResponseAt.getTime() < now ? firstResponseAt : null;
    tickets.push({
      id,
      tenantId,
      clientId: site.clientId,
      siteId: site.id,
      requester: r.pick(["Facilities desk", "Site reception", "Ops manager", "Security lead"]),
      title: r.pick(TITLES[category]),
      description: "",
      category,
      priority,
      status,
      assigneeId: assignee?.id ?? null,
      firstResponseAt: open && status === "open" ? null : respondedAt,
      resolvedAt: open ? null : resolved,
      closedAt: status === "closed" && resolved ? new Date(resolved.getTime() + 86_400_000) : null,
      reopenedCount: !open && r.chance(0.05) ? 1 : 0,
      createdAt,
    });
    const own: StatusChange[] = [];
    const move = (fromStatus: TicketStatus | null, toStatus: TicketStatus, at: Date) => {
      const change = { tenantId, ticketId: id, fromStatus, toStatus, at, actor: "seed" };
      changes.push(change);
      own.push(change);
    };
    move(null, "open", createdAt);
    if (respondedAt && status !== "open") {
      move("open", "in_progress", respondedAt);
      if (pause && (!open || status === "pending_customer")) {
        const pausedAt = new Date(respondedAt.getTime() + 30 * 60_000);
        if (pausedAt.getTime() < now) {
          move("in_progress", "pending_customer", pausedAt);
          const back = new Date(pausedAt.getTime() + pause * 60_000);
          if (!open && resolved && back < resolved) move("pending_customer", "in_progress", back);
        }
      }
    }
    // an open ticket waiting on the customer has its pause on record, or its clock would run
    const last = own.at(-1);
    if (open && status === "pending_customer" && last?.toStatus !== "pending_customer") {
      const at = Math.max(
        ((last?.at as Date | undefined)?.getTime() ?? createdAt.getTime()) + 60_000,
        now - r.int(10, 180) * 60_000,
      );
      move(last?.toStatus ?? "open", "pending_customer", new Date(Math.min(at, now - 60_000)));
    }
    if (!open && resolved) {
      move("in_progress", "resolved", resolved);
      if (status === "closed")
        move("resolved", "closed", new Date(resolved.getTime() + 86_400_000));
    }
    // the requester's mood follows how it is going
    const said = unhappy ? ANGRY : open ? NEUTRAL : difficulty < 0.8 ? HAPPY : NEUTRAL;
    const at = new Date(createdAt.getTime() + 20 * 60_000);
    if (at.getTime() < now) {
      const body = r.pick(said);
      comments.push({
        tenantId,
        ticketId: id,
        authorName: "Requester",
        fromRequester: true,
        body,
        sentiment: commentSentiment(body),
        createdAt: at,
      });
    }
  }
  return { tickets, changes, comments };
}
