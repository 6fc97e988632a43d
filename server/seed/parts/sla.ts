import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { DEFAULT_SLA_TARGETS, TICKET_CATEGORIES, TICKET_PRIORITIES } from "@/lib/sla";
import { schema } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { triageAlert } from "@/server/services/noc/triage";
import { recomputeClocks } from "@/server/services/sla/clock-store";
import { TimelineCache } from "@/server/services/sla/clock";
import { loadPolicies } from "@/server/services/sla/policy-lookup";
import { predictTenant } from "@/server/services/sla/predict";
import { trainTicketModel } from "@/server/services/sla/train";
import type { SeedContext, SeedPart } from "../types";
import { ticketHistory } from "./sla-history";

/**
 * Tickets for the SLA page: four months of closed ones whose breaches follow real patterns
 * (slow categories, overloaded assignees, late first responses, unhappy customers) so the
 * model trains on first start, and open ones across clients and priorities at every stage
 * of their clock. Then one prediction run, so the page is not empty before the first cron.
 */
export const slaPart: SeedPart = {
  name: "sla",
  async demo(ctx: SeedContext) {
    for (const slug of ["northwind", "bluefin"]) {
      const tenantId = ctx.tenants.get(slug);
      if (!tenantId) continue;
      const db = ctx.db;
      const r = ctx.random;
      // the tenant's default policies (editable), and one client with its own stricter P2
      await db.insert(schema.slaPolicies).values(
        TICKET_PRIORITIES.map((priority) => ({
          tenantId,
          clientId: null,
          priority,
          ...DEFAULT_SLA_TARGETS[priority],
        })),
      );
      const sites = await db
        .select({
          id: schema.sites.id,
          clientId: schema.sites.clientId,
          timeZone: schema.sites.timeZone,
          tier: schema.clients.tier,
          clientName: schema.clients.name,
        })
        .from(schema.sites)
        .innerJoin(schema.clients, eq(schema.clients.id, schema.sites.clientId))
        .where(eq(schema.sites.tenantId, tenantId));
      const gold = sites.find((s) => s.tier === "gold");
      if (gold) {
        await db.insert(schema.slaPolicies).values({
          tenantId,
          clientId: gold.clientId,
          priority: "P2",
          responseMinutes: 30,
          resolutionMinutes: 6 * 60,
          calendar: "24x7",
        });
        const year = new Date().getUTCFullYear();
        await db.insert(schema.clientHolidays).values(
          [`${year}-12-25`, `${year}-12-26`, `${year + 1}-01-01`].map((day) => ({
            tenantId,
            clientId: gold.clientId,
            day,
            name: day.endsWith("01-01") ? "New Year's Day" : "Christmas holidays",
          })),
        );
      }
      const staff = await db
        .select({ id: schema.users.id, name: schema.users.name })
        .from(schema.users)
        .where(
          and(
            eq(schema.users.tenantId, tenantId),
            eq(schema.users.active, true),
            inArray(schema.users.role, ["noc_operator", "specialist", "supervisor"]),
          ),
        );
      if (!staff.length || !sites.length) continue;
      // a couple of people carry most of the load, and breach more
      const busy = new Set(
        staff.slice(0, Math.max(1, Math.floor(staff.length / 3))).map((s) => s.id),
      );
      const policyOf = await loadPolicies(db, tenantId);
      const now = Date.now();
      const closedCount = slug === "northwind" ? 1200 : 120;
      const openCount = slug === "northwind" ? 72 : 10;
      const timelines = new TimelineCache({
        from: new Date(now - 130 * 86_400_000),
        to: new Date(now + 60 * 86_400_000),
      });
      const { tickets, changes, comments } = ticketHistory({
        r,
        tenantId,
        sites,
        staff,
        busy,
        policyOf,
        timelines,
        now,
        closedCount,
        openCount,
      });
      const sentiment = new Map<string, number>();
      for (const c of comments) sentiment.set(c.ticketId, c.sentiment);
      for (let i = 0; i < tickets.length; i += 500)
        await db
          .insert(schema.tickets)
          .values(
            tickets
              .slice(i, i + 500)
              .map((t) => ({ ...t, recentSentiment: sentiment.get(t.id) ?? null })),
          );
      for (let i = 0; i < changes.length; i += 1000)
        await db.insert(schema.ticketStatusChanges).values(changes.slice(i, i + 1000));
      for (let i = 0; i < comments.length; i += 1000)
        await db.insert(schema.ticketComments).values(comments.slice(i, i + 1000));
      const sys = jobContext(tenantId, "seed", db);
      await recomputeClocks(
        sys,
        tickets.map((t) => t.id),
        new Date(now),
      );
      const trained = await trainTicketModel(sys, new Date(now));
      ctx.log(
        `sla: ${slug} ${tickets.length} tickets; breach model ${trained.outcome}${"auc" in trained && trained.auc !== undefined ? ` (AUC ${trained.auc.toFixed(2)})` : ""}`,
      );
      // as the scheduled run would: its alerts and their timelines name it
      await predictTenant(jobContext(tenantId, "predict-sla-breaches", db), new Date(now));
      // the risk alerts it raised are triaged now: no executor runs while the seed does
      const raised = await db
        .select({ id: schema.alerts.id })
        .from(schema.alerts)
        .where(
          and(
            eq(schema.alerts.tenantId, tenantId),
            eq(schema.alerts.type, "SLA_BREACH_RISK"),
            isNull(schema.alerts.triagedAt),
          ),
        );
      const triage = jobContext(tenantId, "triage-alert", db);
      for (const a of raised) await triageAlert(triage, { alertId: a.id }, new Date());
    }
  },

  /** --scale large: 2,000,000 closed and 200,000 open tickets in Northwind (quality.md), set-based. */
  async large(ctx: SeedContext) {
    const tenantId = ctx.tenants.get("northwind");
    if (!tenantId) throw new Error("large seed needs the demo tenant");
    const cats = `array[${TICKET_CATEGORIES.map((c) => `'${c}'`).join(",")}]`;
    for (const [count, open] of [
      [2_000_000, false],
      [200_000, true],
    ] as const) {
      for (let done = 0; done < count; done += 250_000) {
        const n = Math.min(250_000, count - done);
        await ctx.db.execute(
          sql.raw(`
          with s as (select id, client_id, row_number() over (order by id) - 1 as i, count(*) over () as c
                     from sites where tenant_id = '${tenantId}'),
          u as (select array_agg(id) as ids from users where tenant_id = '${tenantId}'
                and role in ('noc_operator', 'specialist', 'supervisor'))
          insert into tickets (tenant_id, client_id, site_id, requester, title, category, priority, status,
            assignee_id, created_at, first_response_at, resolved_at, resolution_target_minutes,
            resolution_used_minutes, resolution_due_at, response_due_at, resolution_breached)
          select '${tenantId}', s.client_id, s.id, 'Large-scale requester', 'Large-scale ticket ' || g,
            (${cats})[1 + (g % ${TICKET_CATEGORIES.length})],
            (array['P1','P2','P3','P4']::ticket_priority[])[1 + (g * 7 % 4)],
            ${open ? "(array['open','in_progress','pending_customer']::ticket_status[])[1 + (g % 3)]" : "'closed'"},
            u.ids[1 + (g % array_length(u.ids, 1))],
            t, ${open ? "case when g % 3 = 0 then null else t + interval '20 minutes' end" : "t + interval '20 minutes'"},
            ${open ? "null" : "t + (g % 600) * interval '1 minute'"},
            480, ${open ? "null" : "(g % 600)"}, t + interval '8 hours', t + interval '1 hour',
            ${open ? "false" : "(g % 600) > 480"}
          from generate_series(${done}, ${done + n - 1}) g
          cross join lateral (select now() - (g % ${open ? 2880 : 259200}) * interval '1 minute' as t) tt
          join s on s.i = g % s.c
          cross join u
        `),
        );
      }
      ctx.log(`sla: ${count} ${open ? "open" : "closed"} tickets`);
    }
  },
};
