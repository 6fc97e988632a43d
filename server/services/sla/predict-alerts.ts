import "server-only";
import { sql } from "drizzle-orm";
import { SLA_RULES } from "@/lib/sla";
import { rawRows } from "@/server/db/raw";
import type { ServiceCtx } from "../_core/context";
import { raiseSystemAlerts, resolveAlertsByFingerprint } from "../noc/system-alerts";
import { severityFor, type Risky } from "./predict-score";
import { riskFingerprint } from "./tickets";

/**
 * Brings the SLA_BREACH_RISK alerts in line with a run: raises or updates one per ticket at
 * risk (`toAlert`), and resolves those of the tickets whose risk fell below the bar (`calmed`).
 */
export async function reconcileRiskAlerts(
  ctx: ServiceCtx,
  toAlert: Risky[],
  calmed: string[],
  now: Date,
): Promise<{ raised: number; resolved: number }> {
  // site, number and title only for the alerts written (the scan of every ticket leaves them out)
  const rows = toAlert.length
    ? await rawRows<{ id: string; siteId: string; number: number; title: string }>(
        ctx.db,
        sql`
        select t.id, t.site_id as "siteId", t.number, t.title from tickets t
        where t.tenant_id = ${ctx.tenantId}
          and t.id in (select jsonb_array_elements_text(${JSON.stringify(toAlert.map((o) => o.ticket.id))}::jsonb)::uuid)`,
      )
    : [];
  const named = new Map(rows.map((r) => [r.id, r]));
  const raised = await raiseSystemAlerts(
    ctx,
    toAlert.flatMap((o) => {
      const n = named.get(o.ticket.id);
      // a ticket deleted since the read has no row here, and gets no alert
      if (!n) return [];
      return [
        {
          siteId: n.siteId,
          clientId: o.ticket.clientId,
          ticketId: o.ticket.id,
          type: "SLA_BREACH_RISK" as const,
          severity: severityFor(o.p),
          title: `SLA breach risk ${Math.round(o.p * 100)}%: #${n.number} ${n.title}`.slice(0, 200),
          // facts as they stood when predicted (the ticket shows them live); not labelled "Why":
          // the alert's own triage score is the one "Why" its detail shows
          description: `Breach probability ${o.p.toFixed(2)} when predicted: ${o.f.map((f) => f.label).join("; ")}. The ticket shows its live SLA clock.`,
          fingerprint: riskFingerprint(o.ticket.id),
          source: "ticket" as const,
        },
      ];
    }),
    now,
  );
  const resolved = await resolveAlertsByFingerprint(
    ctx,
    calmed.map(riskFingerprint),
    `Breach risk fell below ${SLA_RULES.alertResolveBelow}`,
    now,
  );
  return { raised: raised.created, resolved };
}
