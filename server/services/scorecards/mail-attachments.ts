import "server-only";
import { and, eq } from "drizzle-orm";
import { schema, type DbOrTx } from "@/server/db";
import type { MailAttachmentRef } from "@/server/db/schema/notifications";
import { renderScorecardPdf } from "./pdf";
import { scorecardPdfInput } from "./queries";
import { jobContext } from "../_core/system";

/**
 * The files of an outgoing e-mail, drawn when it is sent from the stored (frozen) snapshot,
 * so the outbox keeps a reference rather than bytes and every retry attaches the same PDF.
 */
export async function renderMailAttachments(
  db: DbOrTx,
  tenantId: string,
  refs: readonly MailAttachmentRef[],
): Promise<{ filename: string; content: Buffer; contentType: string }[]> {
  const out = [];
  for (const ref of refs) {
    const [row] = await db
      .select({ clientId: schema.scorecards.clientId, month: schema.scorecards.month })
      .from(schema.scorecards)
      .where(
        and(eq(schema.scorecards.tenantId, tenantId), eq(schema.scorecards.id, ref.scorecardId)),
      );
    if (!row) throw new Error(`scorecard ${ref.scorecardId} of an e-mail attachment is gone`);
    const ctx = jobContext(tenantId, "deliver-notifications", db);
    const input = await scorecardPdfInput(ctx, {
      clientId: row.clientId,
      month: row.month.slice(0, 7),
      scorecardId: ref.scorecardId,
    });
    out.push({
      filename: ref.filename,
      content: await renderScorecardPdf(input, "A4"),
      contentType: "application/pdf",
    });
  }
  return out;
}
