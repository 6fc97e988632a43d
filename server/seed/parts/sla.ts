import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  DEFAULT_SLA_TARGETS,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  type TicketCategory,
  type TicketPriority,
  type TicketStatus,
} from "@/lib/sla";
import { schema } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { triageAlert } from "@/server/services/noc/triage";
import { recomputeClocks } from "@/server/services/sla/clock-store";
import { TimelineCache } from "@/server/services/sla/clock";
import { calendarFor, loadPolicies } from "@/server/services/sla/policy-lookup";
import { predictTenant } from "@/server/services/sla/predict";
import { commentSentiment } from "@/server/services/sla/ticket-comments";
import { trainTicketModel } from "@/server/services/sla/train";
import type { Random } from "../random";
import type { SeedContext, SeedPart } from "../types";

const TITLES: Record<TicketCategory, string[]> = {
  access: [
    "Badge not working at main door",
    "New starter needs access",
    "Visitor pass printer down",
  ],
  alarm: ["Intruder alarm keeps false-triggering", "Alarm panel shows tamper", "Set/unset codes"],
  cctv: ["Camera 4 image blurred", "Recording gap last night", "Need footage export"],
  guarding: ["Guard late for patrol", "Change to weekend guarding", "Patrol report missing"],
  facilities: ["Gate motor failing", "Lighting out in car park", "Lift alarm line fault"],
  it: ["Kiosk tablet offline", "Wi-Fi down in guard room", "Reset portal password"],
  billing: ["Invoice query for October", "PO number missing on invoice"],
  other: ["General question", "Feedback on service"],
};

/** How hard each category usually is (its share of the target, on average). */
const CATEGORY_DIFFICULTY: Record<TicketCategory, number> = {
  access: 0.45,
  alarm: 0.7,
  cctv: 0.85,
  guarding: 0.6,
  facilities: 1.0,
  it: 0.5,
  billing: 0.35,
  other: 0.4,
};

const HAPPY = [
  "Thanks, that was quick and helpful.",
  "Great, all working now. Appreciate it!",
  "Perfect, thank you for the update.",
];
const NEUTRAL = [
  "Any update on this?",
  "Please see the attached details.",
  "We are available on site from 9.",
];
const ANGRY = [
  "This is still broken and nobody has called back. Very disappointed.",
  "Unacceptable delay, this is the third time we have asked. Terrible service.",
  "We are frustrated and angry, the site is exposed and no one is helping.",
];

const PRIORITY_WEIGHTS: [TicketPriority, number][] = [
  ["P1", 0.08],
  ["P2", 0.22],
  ["P3", 0.45],
  ["P4", 0.25],
];
function pickPriority(r: Random): TicketPriority {
  let x = r.next();
  for (const [p, w] of PRIORITY_WEIGHTS) {
    if (x < w) return p;
    x -= w;
  }
  return "P3";
}
const gauss = (r: Random) =>
  Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());

type Row = typeof schema.tickets.$inferInsert & { id: string };

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
      const tickets: Row[] = [];
      const changes: (typeof schema.ticketStatusChanges.$inferInsert)[] = [];
      const comments: (typeof schema.ticketComments.$inferInsert)[] = [];
      const timelines = new TimelineCache({
        from: new Date(now - 130 * 86_400_000),
        to: new Date(now + 60 * 86_400_000),
      });

      for (let i = 0; i < closedCount + openCount; i++) {
        const open = i >= closedCount;
        const site = r.pick(sites);
        const category = r.pick(TICKET_CATEGORIES);
        const priority = pickPriority(r);
        const assignee = r.chance(0.93) ? r.pick(staff) : null;
        const policy = policyOf(site.clientId, priority);
        const calendar = calendarFor(policy, site.timeZone, []);
        const timeline = timelines.get(calendar);
        const target = policy.resolutionMinutes;
        // latent difficulty: what makes a ticket breach
        const lateResponse = r.chance(0.25);
        const unhappy = r.chance(0.2);
        const loaded = assignee ? busy.has(assignee.id) : true;
        const difficulty =
          CATEGORY_DIFFICULTY[category] *
          (lateResponse ? 1.45 : 1) *
          (unhappy ? 1.3 : 1) *
          (loaded ? 1.3 : 1) *
          (assignee ? 1 : 1.4) *
          Math.exp(0.35 * gauss(r));
        const id = crypto.randomUUID();
        const createdAt = new Date(
          open
            ? now - Math.round(r.next() * 1.1 * Math.min(target, 3 * 24 * 60)) * 60_000 - 60_000
            : now - r.int(2, 120 * 24 * 60) * 60_000,
        );
        const responseAfter = Math.max(
          1,
          Math.round(
            policy.responseMinutes * (lateResponse ? 1.2 + r.next() * 2 : 0.1 + r.next() * 0.8),
          ),
        );
        const firstResponseAt = new Date(createdAt.getTime() + responseAfter * 60_000);
        const usedMinutes = Math.max(5, Math.round(difficulty * target));
        const pause = r.chance(0.3) ? r.int(30, 8 * 60) : 0;
        const resolvedAt = timeline.add(createdAt, usedMinutes);
        const resolved = resolvedAt ? new Date(resolvedAt.getTime() + pause * 60_000) : null;
        let status: TicketStatus = "resolved";
        if (open) {
          status = r.pick(["open", "in_progress", "in_progress", "pending_customer"] as const);
        } else if (!resolved || resolved.getTime() > now) continue;
        else if (r.chance(0.7)) status = "closed";
        const hasResponse = !open || status !== "open" || !lateResponse;
        const respondedAt = hasResponse && firstResponseAt.getTime() < now ? firstResponseAt : null;
        tickets.push({
          id,
          tenantId,
          clientId: site.clientId,
          siteId: site.id,
          requester: r.pick(["Facilities desk", "Site reception", "Ops manager", "Security lead"]),
          title: r.pick(TITLES[category]),
          description: "",
          category,
          priority,
          status,
          assigneeId: assignee?.id ?? null,
          firstResponseAt: open && status === "open" ? null : respondedAt,
          resolvedAt: open ? null : resolved,
          closedAt:
            status === "closed" && resolved ? new Date(resolved.getTime() + 86_400_000) : null,
          reopenedCount: !open && r.chance(0.05) ? 1 : 0,
          createdAt,
        });
        changes.push({
          tenantId,
          ticketId: id,
          fromStatus: null,
          toStatus: "open",
          at: createdAt,
          actor: "seed",
        });
        if (respondedAt && status !== "open") {
          changes.push({
            tenantId,
            ticketId: id,
            fromStatus: "open",
            toStatus: "in_progress",
            at: respondedAt,
            actor: "seed",
          });
          if (pause && (!open || status === "pending_customer")) {
            const pausedAt = new Date(respondedAt.getTime() + 30 * 60_000);
            if (pausedAt.getTime() < now) {
              changes.push({
                tenantId,
                ticketId: id,
                fromStatus: "in_progress",
                toStatus: "pending_customer",
                at: pausedAt,
                actor: "seed",
              });
              const back = new Date(pausedAt.getTime() + pause * 60_000);
              if (!open && resolved && back < resolved)
                changes.push({
                  tenantId,
                  ticketId: id,
                  fromStatus: "pending_customer",
                  toStatus: "in_progress",
                  at: back,
                  actor: "seed",
                });
            }
          }
        }
        // an open ticket waiting on the customer has its pause on record, or its clock would run
        const mine = changes.filter((c) => c.ticketId === id);
        const last = mine.at(-1);
        if (open && status === "pending_customer" && last?.toStatus !== "pending_customer") {
          const at = Math.max(
            ((last?.at as Date | undefined)?.getTime() ?? createdAt.getTime()) + 60_000,
            now - r.int(10, 180) * 60_000,
          );
          changes.push({
            tenantId,
            ticketId: id,
            fromStatus: last?.toStatus ?? "open",
            toStatus: "pending_customer",
            at: new Date(Math.min(at, now - 60_000)),
            actor: "seed",
          });
        }
        if (!open && resolved) {
          changes.push({
            tenantId,
            ticketId: id,
            fromStatus: "in_progress",
            toStatus: "resolved",
            at: resolved,
            actor: "seed",
          });
          if (status === "closed")
            changes.push({
              tenantId,
              ticketId: id,
              fromStatus: "resolved",
              toStatus: "closed",
              at: new Date(resolved.getTime() + 86_400_000),
              actor: "seed",
            });
        }
        // the requester's mood follows how it is going
        const said = unhappy ? ANGRY : open ? NEUTRAL : difficulty < 0.8 ? HAPPY : NEUTRAL;
        const at = new Date(createdAt.getTime() + 20 * 60_000);
        if (at.getTime() < now) {
          const body = r.pick(said);
          comments.push({
            tenantId,
            ticketId: id,
            authorName: "Requester",
            fromRequester: true,
            body,
            sentiment: commentSentiment(body),
            createdAt: at,
          });
        }
      }
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
