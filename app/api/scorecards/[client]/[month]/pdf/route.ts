import { z } from "zod";
import { uuid } from "@/lib/schemas/common";
import { scorecardMonth } from "@/lib/schemas/scorecards";
import { handle, parseParams } from "@/server/api/http";
import { staffContext } from "@/server/api/portal";
import { renderScorecardPdf } from "@/server/services/scorecards/pdf";
import { scorecardPdfInput } from "@/server/services/scorecards/queries";

/**
 * GET /api/scorecards/<client>/<month>/pdf[?size=letter] — the board PDF, with the same
 * capability and client scope as the scorecard page (an executive only for their clients).
 */
export async function GET(
  req: Request,
  { params }: { params: Promise<{ client: string; month: string }> },
) {
  return handle(req, async () => {
    const ctx = await staffContext("scorecard.view");
    const p = await parseParams(params, z.object({ client: uuid, month: scorecardMonth }));
    const key = { clientId: p.client, month: p.month };
    const size = new URL(req.url).searchParams.get("size") === "letter" ? "LETTER" : "A4";
    const data = await scorecardPdfInput(ctx, key);
    const pdf = await renderScorecardPdf(data, size);
    const name = `scorecard-${data.clientName.replace(/[^A-Za-z0-9]+/g, "-")}-${data.month}.pdf`;
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "private, no-store",
      },
    });
  });
}
