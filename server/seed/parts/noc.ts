import { and, eq, sql } from "drizzle-orm";
import { ALERT_TYPES, TYPICAL_SEVERITIES, type AlertType } from "@/lib/noc";
import { schema } from "@/server/db";
import { targetCase } from "@/server/services/noc/escalation-clocks";
import { heuristicScore } from "@/server/services/noc/score";
import { trainAlertModel } from "@/server/services/noc/train-model";
import { jobContext } from "@/server/services/_core/system";
import type { SeedContext, SeedPart } from "../types";

const TITLES: Record<AlertType, string[]> = {
  DEVICE_FAILURE: ["Camera feed lost", "Access panel fault", "NVR disk failure"],
  DEVICE_OFFLINE: ["Sensor offline", "Gateway not reporting"],
  LOW_BATTERY: ["Door sensor battery low", "Panic button battery low"],
  SECURITY_BREACH: ["Badge used at two sites", "Server room door held open"],
  INTRUSION: ["Motion after hours, zone 3", "Door forced, gate 2", "Fence line breach"],
  FIRE_ALARM: ["Smoke detector, loading dock", "Fire panel alarm, floor 2"],
  PANIC: ["Panic button pressed, reception"],
  SLA_BREACH_RISK: ["Ticket close to SLA breach"],
  GEOFENCE_VIOLATION: ["Guard left the geofence"],
  SHIFT_NO_SHOW: ["Guard did not check in"],
  SHIFT_LATE: ["Guard checked in late"],
  SHIFT_WRONG_SITE: ["Guard checked in at the wrong site"],
  TOUR_MISSED: ["Patrol round missed"],
};
/** The types the demo history draws from (kept as they were, so the demo data stays the same). */
const SEEDED_TYPES = ALERT_TYPES.filter((t) => t !== "TOUR_MISSED");

/** Open alerts for the queue and two months of resolved ones (stats, false-alarm rates, training). */
export const nocPart: SeedPart = {
  name: "noc",
  async demo(ctx: SeedContext) {
    for (const slug of ["northwind", "bluefin"]) {
      const tenantId = ctx.tenants.get(slug);
      if (!tenantId) continue;
      const sites = await ctx.db
        .select({
          id: schema.sites.id,
          clientId: schema.sites.clientId,
          criticality: schema.sites.criticality,
          tier: schema.clients.tier,
        })
        .from(schema.sites)
        .innerJoin(schema.clients, eq(schema.clients.id, schema.sites.clientId))
        .where(eq(schema.sites.tenantId, tenantId));
      const [operator] = await ctx.db
        .select({ id: schema.users.id })
        .from(schema.users)
        .where(and(eq(schema.users.tenantId, tenantId), eq(schema.users.role, "noc_operator")));
      const now = Date.now();
      const rows: (typeof schema.alerts.$inferInsert)[] = [];
      const history = slug === "northwind" ? 400 : 60;
      const open = slug === "northwind" ? 14 : 4;
      for (let i = 0; i < history + open; i++) {
        const site = ctx.random.pick(sites);
        const type = ctx.random.pick(SEEDED_TYPES);
        const severity = ctx.random.pick(TYPICAL_SEVERITIES[type]);
        const isOpen = i >= history;
        const firstSeen = new Date(
          isOpen
            ? now - ctx.random.int(1, 90) * 60_000
            : now - ctx.random.int(1, 60 * 24 * 60) * 60_000,
        );
        const hour = firstSeen.getUTCHours();
        const scored = heuristicScore({
          type,
          severity,
          siteCriticality: site.criticality,
          clientTier: site.tier,
          localHour: hour,
          localDay: firstSeen.getUTCDay(),
          relatedLast24h: ctx.random.int(0, 3),
          occurrences: 1,
          deviceHealth: null,
          slaHoursLeft: null,
        });
        // real incidents are likelier for severe, risky alerts at night: the pattern the model learns
        const pReal = Math.min(0.95, Math.max(0.03, (scored.score - 25) / 60));
        const real = ctx.random.chance(pReal);
        const ackMinutes = ctx.random.int(1, severity === "critical" ? 6 : 25);
        rows.push({
          tenantId,
          clientId: site.clientId,
          siteId: site.id,
          type,
          severity,
          title: ctx.random.pick(TITLES[type]),
          source: ctx.random.pick(["device", "api", "manual", "system"] as const),
          fingerprint: `seed:${slug}:${i}`,
          status: isOpen
            ? ctx.random.pick(["new", "new", "new", "acknowledged", "in_progress"] as const)
            : "resolved",
          score: scored.score,
          scoreFactors: scored.factors,
          scoredBy: "heuristic",
          triagedAt: firstSeen,
          firstSeenAt: firstSeen,
          lastSeenAt: firstSeen,
          occurrenceCount: ctx.random.chance(0.15) ? ctx.random.int(2, 5) : 1,
          ...(isOpen
            ? {}
            : {
                acknowledgedAt: new Date(firstSeen.getTime() + ackMinutes * 60_000),
                acknowledgedBy: operator?.id ?? null,
                resolvedAt: new Date(
                  firstSeen.getTime() + (ackMinutes + ctx.random.int(5, 240)) * 60_000,
                ),
                resolvedBy: operator?.id ?? null,
                resolution: real ? "manual" : ctx.random.chance(0.8) ? "false_alarm" : "duplicate",
                escalated: real && scored.score >= 90,
              }),
        });
      }
      for (let i = 0; i < rows.length; i += 200)
        await ctx.db.insert(schema.alerts).values(rows.slice(i, i + 200));
      // train on the history now, so new alerts are scored by the model from the first start
      const trained = await trainAlertModel(jobContext(tenantId, "seed", ctx.db), new Date(now));
      ctx.log(
        `noc: ${slug} alert model ${trained.outcome}${"auc" in trained && trained.auc !== undefined ? ` (AUC ${trained.auc.toFixed(2)})` : ""}`,
      );
    }
  },

  /** --scale large: 2,000,000 alerts of history and 20,000 open in Northwind (quality.md), set-based. */
  async large(ctx: SeedContext) {
    const tenantId = ctx.tenants.get("northwind");
    if (!tenantId) throw new Error("large seed needs the demo tenant");
    const types = `array[${SEEDED_TYPES.map((t) => `'${t}'`).join(",")}]::alert_type[]`;
    for (const [count, open] of [
      [2_000_000, false],
      [20_000, true],
    ] as const) {
      for (let done = 0; done < count; done += 250_000) {
        const n = Math.min(250_000, count - done);
        await ctx.db.execute(
          sql.raw(`
          with s as (select id, client_id, row_number() over (order by id) - 1 as i, count(*) over () as c
                     from sites where tenant_id = '${tenantId}')
          insert into alerts (tenant_id, client_id, site_id, type, severity, title, source, fingerprint, status,
                              score, scored_by, triaged_at, first_seen_at, last_seen_at, acknowledged_at, resolved_at, resolution)
          select '${tenantId}', s.client_id, s.id,
                 (${types})[1 + (g % ${SEEDED_TYPES.length})],
                 (array['critical','high','medium','low','info']::alert_severity[])[1 + (g * 7 % 5)],
                 'Large-scale alert ' || g, 'system', 'large:${open ? "open" : "hist"}:' || g,
                 ${open ? "(array['new','acknowledged','in_progress']::alert_status[])[1 + (g % 3)]" : "'resolved'"},
                 (g * 37) % 101, 'heuristic', t, t, t,
                 ${open ? "null" : "t + interval '4 minutes'"},
                 ${open ? "null" : "t + interval '50 minutes'"},
                 ${open ? "null" : "(array['manual','false_alarm','duplicate','auto']::alert_resolution[])[1 + (g % 4)]"}
          from generate_series(${done}, ${done + n - 1}) g
          cross join lateral (select now() - (g % 525600) * interval '1 minute' ${open ? "/ 100" : ""} as t) tt
          join s on s.i = g % s.c
        `),
        );
      }
      ctx.log(`noc: ${count} ${open ? "open" : "resolved"} alerts`);
    }
    // Open alerts left unacknowledged past their target were escalated when they went stale:
    // without that history the first clock runs would escalate thousands at once.
    await ctx.db.execute(sql`
      with stale as (
        update alerts a
        set escalated = true, escalated_at = a.first_seen_at + make_interval(mins => ${targetCase}),
            escalation_target = 'supervisors'
        where a.tenant_id = ${tenantId} and a.fingerprint like 'large:open:%' and a.status = 'new'
          and a.first_seen_at < now() - make_interval(mins => ${targetCase})
        returning a.tenant_id, a.id, a.escalated_at)
      insert into alert_escalations (tenant_id, alert_id, clock, created_at)
      select tenant_id, id, 'unacknowledged', escalated_at from stale
      on conflict do nothing`);
  },
};
