import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { OPEN_TICKET_STATUSES, TICKET_CATEGORIES, TICKET_PRIORITIES } from "@/lib/sla";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { commentOnTicket } from "./ticket-comments";
import { canMoveTicket, changeTicketStatus, createTicket } from "./tickets";

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

const REQUESTER_SAYS = [
  "Any news on this? The site team is waiting.",
  "Thanks for the quick response, much appreciated.",
  "This is getting frustrating, it is still not fixed.",
  "We can give access from 9am tomorrow.",
];

/**
 * One tick of the helpdesk side of the demo simulator: now and then a new ticket, otherwise
 * an open ticket moves on — answered, waiting on the customer, a customer comment, or
 * resolved — so the SLA page's clocks, risks and charts keep changing.
 */
export async function simulateTicketTick(ctx: ServiceCtx, now: Date): Promise<string> {
  const { db, tenantId } = ctx;
  const roll = Math.random();
  if (roll < 0.35) {
    const sites = await db
      .select({ id: schema.sites.id })
      .from(schema.sites)
      .where(eq(schema.sites.tenantId, tenantId));
    const site = pick(sites);
    if (!site) return "no sites";
    const category = pick(TICKET_CATEGORIES);
    const { number } = await createTicket(
      ctx,
      {
        siteId: site.id,
        title: `${category[0]?.toUpperCase()}${category.slice(1)} request from the demo simulator`,
        description: "Opened by the demo simulator.",
        requester: "Demo requester",
        category,
        priority: pick(TICKET_PRIORITIES),
      },
      now,
    );
    return `opened #${number}`;
  }
  const [t] = await db
    .select({ id: schema.tickets.id, status: schema.tickets.status })
    .from(schema.tickets)
    .where(
      and(
        eq(schema.tickets.tenantId, tenantId),
        inArray(schema.tickets.status, [...OPEN_TICKET_STATUSES]),
      ),
    )
    .orderBy(sql`random()`)
    .limit(1);
  if (!t) return "no open tickets";
  if (roll < 0.55) {
    await commentOnTicket(
      ctx,
      {
        id: t.id,
        body: pick(REQUESTER_SAYS),
        fromRequester: true,
        authorName: "Demo requester",
      },
      now,
    );
    return "requester commented";
  }
  const next = pick(
    roll < 0.8
      ? (["in_progress", "pending_customer", "open"] as const)
      : (["resolved", "resolved", "in_progress"] as const),
  );
  if (!canMoveTicket(t.status, next)) return "no move";
  await changeTicketStatus(ctx, { id: t.id, status: next }, now);
  return `moved to ${next}`;
}
