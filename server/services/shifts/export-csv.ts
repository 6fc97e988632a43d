import "server-only";
import { sql } from "drizzle-orm";
import { tierIncludes } from "@/lib/tiers";
import type { ServiceCtx } from "../_core/context";
import { ValidationError } from "../_core/errors";
import { requireActorCan } from "../_core/scope";
import { SHIFT_COLUMNS, toBoardRow } from "./board-rows";
import { localClock } from "./schedule";
import { scopedSites } from "./sites";
import { rawRows } from "@/server/db/raw";
import { uuidIn as ids } from "@/server/db/sql-literals";

/** The month's shifts as CSV, for payroll or the client. */

type Raw = Parameters<typeof toBoardRow>[0];
const CSV_MAX_ROWS = 50_000;

function csvCell(v: unknown): string {
  const s = v == null ? "" : String(v);
  // a leading =, +, - or @ would be read as a formula by a spreadsheet
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A month of shifts as CSV (site-local days), for payroll or the client: a plain record, for
 * every plan. Refuses more than 50,000 rows (choose a site).
 */
export async function exportShiftsCsv(
  ctx: ServiceCtx,
  input: { month: string; siteId?: string },
  now: Date,
): Promise<{ filename: string; csv: string; rows: number }> {
  requireActorCan(ctx, "shifts.view");
  const sites = await scopedSites(ctx, input.siteId);
  const from = `${input.month}-01`;
  const [y = 0, m = 1] = input.month.split("-").map(Number);
  const to = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  const rows = sites.length
    ? await rawRows<Raw & { localDate: string }>(
        ctx.db,
        sql`
        select ${SHIFT_COLUMNS}, sh.local_date as "localDate"
        from shifts sh
        join posts p on p.id = sh.post_id
        left join users u on u.id = sh.guard_id
        where sh.tenant_id = ${ctx.tenantId} and sh.site_id in ${ids(sites.map((s) => s.id))}
          and sh.status = 'scheduled' and sh.local_date >= ${from}::date and sh.local_date < ${to}::date
        order by sh.local_date, sh.site_id, sh.starts_at
        limit ${CSV_MAX_ROWS + 1}`,
      )
    : [];
  if (rows.length > CSV_MAX_ROWS)
    throw new ValidationError(
      `siteId: ${input.month} has more than ${CSV_MAX_ROWS.toLocaleString("en")} shifts; export one site at a time`,
      "siteId",
    );
  const bySite = new Map(sites.map((s) => [s.id, s]));
  const header = [
    "date",
    "client",
    "site",
    "post",
    "guard",
    "start",
    "end",
    "hours",
    "state",
    "checked_in",
    "checked_out",
    "distance_m",
    "findings",
    "excuse",
    "time_zone",
  ];
  const lines = [header.join(",")];
  for (const r of rows) {
    const site = bySite.get(r.siteId);
    if (!site) continue;
    const b = toBoardRow(r, site.timeZone, now);
    const compliance = tierIncludes(site.tier, "shiftCompliance");
    lines.push(
      [
        String(r.localDate),
        site.clientName,
        site.name,
        b.postName,
        b.guardName ?? "",
        b.localStart,
        b.localEnd,
        ((b.endsAt.getTime() - b.startsAt.getTime()) / 3_600_000).toFixed(2),
        compliance ? b.state : "",
        b.checkedInLocal ?? "",
        b.checkedOutAt ? localClock(site.timeZone, b.checkedOutAt) : "",
        b.distanceM ?? "",
        b.findings.map((f) => f.kind).join(" "),
        b.excuseReason ?? "",
        site.timeZone,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  const where = input.siteId ? (sites[0]?.name ?? "site") : "all-sites";
  return {
    filename: `shifts-${input.month}-${where.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.csv`,
    csv: `${lines.join("\r\n")}\r\n`,
    rows: rows.length,
  };
}
