import { z } from "zod";
import { actionLabel, changeSummary, csvLine, fieldChanges } from "@/lib/audit";
import { auditSearchInput } from "@/lib/schemas/audit";
import { coercedInstant, issueSummary } from "@/lib/schemas/common";
import { handle, HttpError } from "@/server/api/http";
import { staffContext } from "@/server/api/portal";
import { searchAudit } from "@/server/services/audit/search";

/** The most rows one export carries; the file says so when it stops there. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;
const PAGE = 1_000;

const exportParams = auditSearchInput.extend({
  from: coercedInstant("The start must be a date and time").optional(),
  to: coercedInstant("The end must be a date and time").optional(),
  hideSimulator: z
    .enum(["1", "0"], "hideSimulator is 1 or 0")
    .transform((v) => v === "1")
    .optional(),
});

/**
 * GET /api/audit/export?actor&entityType&action&from&to&q&hideSimulator=1 — the audit log
 * as the page filters it, as CSV, newest first. Who may read the log (audit.view) may export
 * it, of their own tenant only.
 */
export async function GET(req: Request) {
  return handle(req, async () => {
    const ctx = await staffContext("audit.view");
    const raw = Object.fromEntries(new URL(req.url).searchParams);
    const parsed = exportParams.safeParse(raw);
    if (!parsed.success) throw new HttpError(400, issueSummary(parsed.error, "query"));
    let out = csvLine(["When (UTC)", "Who", "Kind", "Action", "About", "Entity id", "Changes"]);
    let cursor: number | undefined;
    let n = 0;
    do {
      const page = await searchAudit(ctx, { ...parsed.data, cursor, limit: PAGE });
      for (const r of page.items) {
        out += csvLine([
          r.createdAt.toISOString(),
          r.actorLabel,
          r.actorType.replace("_", " "),
          actionLabel(r.action),
          r.entityName ?? r.entityType,
          r.entityId,
          changeSummary(fieldChanges(r.before, r.after)),
        ]);
      }
      n += page.items.length;
      cursor = page.nextCursor;
    } while (cursor && n < AUDIT_EXPORT_MAX_ROWS);
    if (cursor) out += csvLine([`Stopped at ${AUDIT_EXPORT_MAX_ROWS} rows: narrow the filters`]);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(out, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-log-${day}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  });
}
