import "server-only";
import { and, desc, eq } from "drizzle-orm";
import Sentiment from "sentiment";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import { actorRef, type ServiceCtx } from "../_core/context";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { recomputeClocks } from "./clock-store";
import { getTicketInTenant } from "./tickets";

const { tickets, ticketComments } = schema;
const analyzer = new Sentiment();

/** AFINN comparative score of a comment: about -5 (furious) to 5 (delighted), 0 neutral. */
export function commentSentiment(body: string): number {
  const r = analyzer.analyze(body);
  return Math.round(r.comparative * 1000) / 1000;
}

/**
 * Adds a comment with its sentiment score. A staff comment on a ticket without one is its
 * first response; the requester's latest comments make up the ticket's recent sentiment.
 */
export async function commentOnTicket(
  ctx: ServiceCtx,
  input: { id: string; body: string; fromRequester: boolean; authorName?: string },
  now: Date,
) {
  return inTx(ctx, async (tx) => {
    const t = await getTicketInTenant(tx, input.id);
    const sentiment = commentSentiment(input.body);
    const author = input.authorName ?? actorRef(ctx.actor).label;
    const [c] = await tx.db
      .insert(ticketComments)
      .values({
        tenantId: ctx.tenantId,
        ticketId: t.id,
        authorId: ctx.actor.type === "user" ? ctx.actor.userId : null,
        authorName: author,
        fromRequester: input.fromRequester,
        body: input.body,
        sentiment,
        createdAt: now,
      })
      .returning({ id: ticketComments.id, createdAt: ticketComments.createdAt });
    if (!c) throw new Error("comment not saved");
    const recent = await tx.db
      .select({ s: ticketComments.sentiment })
      .from(ticketComments)
      .where(and(eq(ticketComments.ticketId, t.id), eq(ticketComments.fromRequester, true)))
      .orderBy(desc(ticketComments.createdAt))
      .limit(3);
    const firstResponse = !input.fromRequester && !t.firstResponseAt;
    await tx.db
      .update(tickets)
      .set({
        recentSentiment: recent.length
          ? recent.reduce((s, r) => s + r.s, 0) / recent.length
          : t.recentSentiment,
        ...(firstResponse ? { firstResponseAt: c.createdAt } : {}),
      })
      .where(eq(tickets.id, t.id));
    if (firstResponse) await recomputeClocks(tx, [t.id], now);
    await recordAudit(tx, {
      action: "ticket.comment",
      entityType: "ticket",
      entityId: t.id,
      after: { comment: input.body.slice(0, 200), sentiment, fromRequester: input.fromRequester },
    });
    await publish(tx, "ticket", [t.id]);
    return { id: c.id, sentiment };
  });
}
