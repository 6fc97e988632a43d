import "server-only";
import { sql } from "drizzle-orm";
import { REOPEN_WINDOW_HOURS } from "@/lib/playbooks";
import { rawRows } from "@/server/db/raw";
import type { ServiceCtx } from "../_core/context";

export type PlaybookStats = {
  /** runs started (guardrail skips not counted) */
  runs: number;
  succeeded: number;
  failed: number;
  awaitingApproval: number;
  skippedGuardrail: number;
  /** alerts this playbook resolved */
  autoResolved: number;
  /** of those, how many came back (same fingerprint within REOPEN_WINDOW_HOURS) */
  reopened: number;
  /** succeeded / finished (succeeded + failed), null before any finished run */
  successRate: number | null;
  /** autoResolved / runs */
  autoResolutionRate: number | null;
  /** reopened / autoResolved: the false-action rate */
  falseActionRate: number | null;
};

export const emptyStats = (): PlaybookStats => ({
  runs: 0,
  succeeded: 0,
  failed: 0,
  awaitingApproval: 0,
  skippedGuardrail: 0,
  autoResolved: 0,
  reopened: 0,
  successRate: null,
  autoResolutionRate: null,
  falseActionRate: null,
});

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** Each playbook's figures over all its runs, in one query. */
export async function playbookStats(
  ctx: ServiceCtx,
  ids: string[],
): Promise<Map<string, PlaybookStats>> {
  if (!ids.length) return new Map();
  const rows = await rawRows<{
    playbook_id: string;
    runs: number;
    succeeded: number;
    failed: number;
    awaiting: number;
    skipped: number;
    auto_resolved: number;
    reopened: number;
  }>(
    ctx.db,
    sql`
    select r.playbook_id,
      count(*) filter (where r.status <> 'skipped_guardrail')::int as runs,
      count(*) filter (where r.status = 'succeeded')::int as succeeded,
      count(*) filter (where r.status = 'failed')::int as failed,
      count(*) filter (where r.status = 'awaiting_approval')::int as awaiting,
      count(*) filter (where r.status = 'skipped_guardrail')::int as skipped,
      count(*) filter (where r.resolved_alert)::int as auto_resolved,
      count(*) filter (where r.resolved_alert and exists (
        select 1 from alerts again
        where again.tenant_id = a.tenant_id and again.site_id = a.site_id
          and again.fingerprint = a.fingerprint and again.id <> a.id
          and again.first_seen_at > a.resolved_at
          and again.first_seen_at <= a.resolved_at + make_interval(hours => ${REOPEN_WINDOW_HOURS})
      ))::int as reopened
    from playbook_runs r
    join alerts a on a.id = r.alert_id
    where r.tenant_id = ${ctx.tenantId}
      and r.playbook_id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
    group by r.playbook_id`,
  );
  return new Map(
    rows.map((r) => [
      r.playbook_id,
      {
        runs: r.runs,
        succeeded: r.succeeded,
        failed: r.failed,
        awaitingApproval: r.awaiting,
        skippedGuardrail: r.skipped,
        autoResolved: r.auto_resolved,
        reopened: r.reopened,
        successRate: ratio(r.succeeded, r.succeeded + r.failed),
        autoResolutionRate: ratio(r.auto_resolved, r.runs),
        falseActionRate: ratio(r.reopened, r.auto_resolved),
      },
    ]),
  );
}
