import "server-only";
import { and, eq } from "drizzle-orm";
import { monthLabel } from "@/lib/scorecard-format";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError } from "../_core/errors";
import { notifyEmail } from "../notifications/enqueue";

/**
 * Queues the scorecard e-mail to the client's executive recipients, the PDF attached (drawn at
 * delivery from the snapshot) and a link; once per scorecard version and recipient.
 */
export async function emailScorecard(
  ctx: ServiceCtx,
  input: { scorecardId: string },
): Promise<{ queued: number }> {
  const [row] = await ctx.db
    .select({
      id: schema.scorecards.id,
      month: schema.scorecards.month,
      clientId: schema.clients.id,
      clientName: schema.clients.name,
      recipients: schema.clients.executiveRecipients,
      overallRag: schema.scorecards.overallRag,
      summary: schema.scorecards.summary,
    })
    .from(schema.scorecards)
    .innerJoin(schema.clients, eq(schema.clients.id, schema.scorecards.clientId))
    .where(
      and(
        eq(schema.scorecards.tenantId, ctx.tenantId),
        eq(schema.scorecards.id, input.scorecardId),
      ),
    );
  if (!row) throw new NotFoundError("Scorecard");
  const month = row.month.slice(0, 7);
  const filename = `scorecard-${row.clientName.replace(/[^A-Za-z0-9]+/g, "-")}-${month}.pdf`;
  let queued = 0;
  for (const to of row.recipients)
    queued += await notifyEmail(ctx, {
      to,
      subject: `${row.clientName} scorecard, ${monthLabel(month)}: ${row.overallRag.toUpperCase()}`,
      body: [`What changed in ${monthLabel(month)}:`, ...row.summary.map((l) => `- ${l}`)].join(
        "\n",
      ),
      link: `/scorecards/${row.clientId}/${month}`,
      dedupeKey: `scorecard:${row.id}`,
      attachments: [{ kind: "scorecard_pdf", scorecardId: row.id, filename }],
    });
  return { queued };
}
