import "server-only";
import { gatherDeliveryRequests } from "../notifications/request-delivery";
import { sql, type SQL } from "drizzle-orm";
import { TARGET_RESPONSE_MINUTES } from "@/lib/noc";
import { tiersWith } from "@/lib/tiers";
import { forTenant, jobContext, type PlatformCtx } from "../_core/system";
import { escalateAlerts, type Escalation } from "./escalate-alerts";
import { triageAlert } from "./triage";
import { rawRows } from "@/server/db/raw";

/** The plans whose alerts are triaged, and so escalated (a Postgres array literal). */
const TRIAGE_TIERS = `{${tiersWith("alertTriage").join(",")}}`;

type Clock = "unacknowledged" | "not_progressed" | "routed_unacknowledged" | "nobody_on_shift";
type Due = {
  tenantId: string;
  alertId: string;
  title: string;
  siteName: string;
  clock: Clock;
  minutes: number;
};

/** An alert's target response time in minutes, as SQL over an alerts row aliased `a`. */
export const targetCase = sql.raw(
  `case a.severity ${Object.entries(TARGET_RESPONSE_MINUTES)
    .map(([s, m]) => `when '${s}' then ${m}`)
    .join(" ")} end`,
);

/**
 * The escalation clocks (noc.md), for every tenant in one pass:
 * - not acknowledged within the target time for its severity;
 * - routed (score ≥ 80) and not acknowledged within 10 minutes;
 * - acknowledged but not in progress within 30 minutes;
 * - routed to a group whose members are all off shift: at once, for groups whose members work
 *   shifts (some member has a shift within 14 days either side) and none of whom has a shift
 *   under way now. A group nobody in it works shifts for is never "off shift".
 * Each clock escalates an alert once (alert_escalations' key), so running again, or after a
 * restart, changes nothing more. Clients whose plan lacks triage are left alone.
 */
export async function runEscalationClocks(
  ctx: PlatformCtx,
  now: Date,
): Promise<{ escalated: number; checked: number }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const unscored = await triageOverdueFirst(ctx, now);
  let escalated = 0;
  let checked = 0;
  // one batch after another until none is due, each escalated in a few statements per tenant
  // (a fresh large data set has tens of thousands due at once)
  // one delivery request per 500 notifications, not one per escalation
  await gatherDeliveryRequests(async () => {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const due = await dueEscalations(ctx, at, unscored);
      checked += due.length;
      let did = 0;
      for (const [tenantId, items] of byTenant(due))
        did += await escalateAlerts(forTenant(ctx, tenantId), items, now);
      escalated += did;
      if (due.length < BATCH || did === 0) break;
    }
  });
  return { escalated, checked };
}

/** Escalations per batch (one transaction per tenant in it), and batches per run at most. */
const BATCH = 2_000;
const MAX_BATCHES = 50;

const reasonFor = (d: Due): string =>
  ({
    unacknowledged: `not acknowledged after ${d.minutes} min`,
    routed_unacknowledged: `routed ${d.minutes} min ago and still not acknowledged`,
    not_progressed: `acknowledged ${d.minutes} min ago and not in progress`,
    nobody_on_shift: "routed to a group with nobody on shift",
  })[d.clock];

function byTenant(due: Due[]): Map<string, Escalation[]> {
  const out = new Map<string, Escalation[]>();
  for (const d of due) {
    const list = out.get(d.tenantId) ?? [];
    list.push({ ...d, reason: reasonFor(d) });
    out.set(d.tenantId, list);
  }
  return out;
}

/** The alerts whose clocks ran out and that those clocks have not escalated yet, oldest first. */
function dueEscalations(ctx: PlatformCtx, at: SQL, unscored: string[]): Promise<Due[]> {
  return rawRows<Due>(
    ctx.db,
    sql`
    with off_shift as (
      select gm.group_id from group_members gm
      join shifts sh on sh.guard_id = gm.user_id and sh.status = 'scheduled'
        and sh.starts_at > ${at} - interval '14 days' and sh.starts_at < ${at} + interval '14 days'
      group by gm.group_id
      having not bool_or(sh.starts_at <= ${at} and sh.ends_at > ${at} and sh.excused_at is null)
    )
    select a.tenant_id as "tenantId", a.id as "alertId", a.title, s.name as "siteName", c.clock,
           round(extract(epoch from ${at} - c.since) / 60)::int as minutes
    from alerts a
    join sites s on s.id = a.site_id
    join clients cl on cl.id = a.client_id and cl.tier = any(${TRIAGE_TIERS}::tier[])
    cross join lateral (values
      ('unacknowledged', a.first_seen_at, a.status = 'new' and a.first_seen_at < ${at} - make_interval(mins => ${targetCase})),
      ('routed_unacknowledged', a.routed_at, a.status = 'new' and a.routed_at < ${at} - interval '10 minutes'),
      ('not_progressed', a.acknowledged_at, a.status = 'acknowledged' and a.acknowledged_at < ${at} - interval '30 minutes'),
      ('nobody_on_shift', a.routed_at, a.status = 'new' and a.routed_at is not null
        and a.assigned_group_id in (select group_id from off_shift))
    ) as c(clock, since, fires)
    where a.status in ('new', 'acknowledged') and a.suppressed_by_window_id is null and c.fires
      and (c.clock <> 'unacknowledged' or a.triaged_at is not null
        or a.id in (select jsonb_array_elements_text(${JSON.stringify(unscored)}::jsonb)::uuid))
      and not exists (select 1 from alert_escalations e where e.alert_id = a.id and e.clock = c.clock::escalation_clock)
    order by a.first_seen_at
    limit ${BATCH}`,
  );
}

/**
 * An alert is scored before the "not acknowledged" clock may escalate it: paging supervisors
 * about something nobody has triaged helps no one (after a crash, 66 alerts were escalated
 * before their triage ran). Overdue alerts still waiting for triage are triaged here first;
 * the clock then sees their score (and triage may itself escalate a high one). Returns those
 * whose triage failed: the clock escalates them anyway, unscored, rather than never.
 */
async function triageOverdueFirst(ctx: PlatformCtx, now: Date): Promise<string[]> {
  const waiting = await rawRows<{ tenantId: string; alertId: string }>(
    ctx.db,
    sql`
    select a.tenant_id as "tenantId", a.id as "alertId"
    from alerts a
    join clients cl on cl.id = a.client_id and cl.tier = any(${TRIAGE_TIERS}::tier[])
    where a.status = 'new' and a.triaged_at is null and a.suppressed_by_window_id is null
      and a.first_seen_at < ${now.toISOString()}::timestamptz - make_interval(mins => ${targetCase})
    order by a.first_seen_at
    limit 500`,
  );
  const failed: string[] = [];
  for (const w of waiting) {
    try {
      // triaged as the triage function would have: its audit rows name it
      await triageAlert(jobContext(w.tenantId, "triage-alert", ctx.db), w, now);
    } catch {
      failed.push(w.alertId);
    }
  }
  return failed;
}
