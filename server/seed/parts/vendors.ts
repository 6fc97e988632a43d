import { and, eq, sql } from "drizzle-orm";
import { WORK_ORDER_PRIORITIES, type WorkOrderStatus } from "@/lib/work-orders";
import { schema } from "@/server/db";
import type { SeedContext, SeedPart } from "../types";
import { VENDORS, TITLES } from "./vendors-data";

const DAY = 86_400_000;

/**
 * Vendors and six months of work orders whose on-time share, overruns, ratings and rework
 * follow each vendor's character (so the rankings tell them apart), one vendor with an
 * expired insurance certificate, one with too few jobs to trust, and open orders in every
 * state for the work-orders page and the portal.
 */
export const vendorsPart: SeedPart = {
  name: "vendors",
  async demo(ctx: SeedContext) {
    const tenantId = ctx.tenants.get("northwind");
    if (!tenantId) return;
    const r = ctx.random;
    const db = ctx.db;
    const sites = await db
      .select({ id: schema.sites.id, clientId: schema.sites.clientId })
      .from(schema.sites)
      .where(eq(schema.sites.tenantId, tenantId));
    const [requester] = await db
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(and(eq(schema.users.tenantId, tenantId), eq(schema.users.role, "supervisor")));
    const inserted = await db
      .insert(schema.vendors)
      .values(
        VENDORS.map((v) => ({
          tenantId,
          name: v.name,
          trades: v.trades,
          contactName: "Dispatch desk",
          email: `dispatch@${v.name.toLowerCase().replace(/[^a-z]+/g, "")}.test`,
          phone: `+1 555 01${String(r.int(10, 99))}`,
        })),
      )
      .returning({ id: schema.vendors.id, name: schema.vendors.name });
    const idOf = new Map(inserted.map((v) => [v.name, v.id]));
    const today = new Date();
    await db.insert(schema.vendorDocuments).values(
      VENDORS.flatMap((v) => {
        const vendorId = idOf.get(v.name) ?? "";
        const expires = (days: number) =>
          new Date(today.getTime() + days * DAY).toISOString().slice(0, 10);
        return [
          {
            tenantId,
            vendorId,
            kind: "insurance",
            name: "Public liability insurance",
            expiresOn: v.expiredInsurance ? expires(-12) : expires(r.int(40, 300)),
          },
          {
            tenantId,
            vendorId,
            kind: "licence",
            name: "Trade licence",
            expiresOn: expires(r.int(20, 700)),
          },
        ];
      }),
    );

    const orders: (typeof schema.workOrders.$inferInsert)[] = [];
    const now = Date.now();
    for (const v of VENDORS) {
      const vendorId = idOf.get(v.name) ?? "";
      for (let i = 0; i < v.jobs; i++) {
        const category = r.pick(v.trades);
        const site = r.pick(sites);
        const created = now - r.int(3, 180) * DAY;
        const estimate = r.pick([1, 2, 2, 3, 4, 6, 8]);
        const started = created + r.int(2, 48) * 3_600_000;
        const actual = estimate * (v.overrun + (r.next() - 0.5) * 0.4);
        const completed = started + Math.max(0.25, actual) * 3_600_000;
        const due = r.chance(v.onTime)
          ? completed + r.int(1, 24) * 3_600_000
          : completed - r.int(1, 24) * 3_600_000;
        const rating = Math.max(1, Math.min(5, Math.round(v.rating + (r.next() - 0.5) * 1.6)));
        orders.push({
          tenantId,
          clientId: site.clientId,
          siteId: site.id,
          vendorId,
          requesterId: requester?.id ?? null,
          title: r.pick(TITLES[category] ?? ["Maintenance job"]),
          category,
          priority: r.pick(WORK_ORDER_PRIORITIES),
          status: "verified",
          estimateHours: estimate,
          createdAt: new Date(created),
          dueAt: new Date(due),
          startedAt: new Date(started),
          completedAt: new Date(completed),
          verifiedAt: new Date(completed + r.int(2, 72) * 3_600_000),
          rating,
          rework: r.chance(v.rework),
        });
      }
    }
    // open orders at every stage, for the list and the portal
    const open: WorkOrderStatus[] = [
      "new",
      "assigned",
      "assigned",
      "accepted",
      "in_progress",
      "on_hold",
      "completed",
    ];
    for (const [i, status] of open.entries()) {
      const v = VENDORS[i % VENDORS.length];
      if (!v) continue;
      const category = r.pick(v.trades);
      const site = r.pick(sites);
      orders.push({
        tenantId,
        clientId: site.clientId,
        siteId: site.id,
        vendorId: status === "new" ? null : (idOf.get(v.name) ?? null),
        requesterId: requester?.id ?? null,
        title: r.pick(TITLES[category] ?? ["Maintenance job"]),
        description: "Please call the site contact on arrival.",
        category,
        priority: r.pick(WORK_ORDER_PRIORITIES),
        status,
        estimateHours: r.pick([1, 2, 4]),
        dueAt: new Date(now + r.int(4, 72) * 3_600_000),
        startedAt: ["in_progress", "on_hold", "completed"].includes(status)
          ? new Date(now - 3 * 3_600_000)
          : null,
        completedAt: status === "completed" ? new Date(now - 3_600_000) : null,
        createdAt: new Date(now - r.int(1, 48) * 3_600_000),
      });
    }
    for (let i = 0; i < orders.length; i += 500)
      await db.insert(schema.workOrders).values(orders.slice(i, i + 500));
    // one timeline entry per order so every detail page has a start
    await db.execute(sql`
      insert into work_order_events (tenant_id, work_order_id, kind, to_status, actor_label, at)
      select tenant_id, id, 'status', status, 'demo data', created_at from work_orders
      where tenant_id = ${tenantId}`);
  },

  /** --scale large: 500 vendors and 1,000,000 work orders in Northwind (quality.md), set-based. */
  async large(ctx: SeedContext) {
    const tenantId = ctx.tenants.get("northwind");
    if (!tenantId) throw new Error("large seed needs the demo tenant");
    await ctx.db.execute(sql`
      insert into vendors (tenant_id, name, trades, email)
      select ${tenantId}, 'Large-scale vendor ' || g, array['general'], 'v' || g || '@large.test'
      from generate_series(1, 500) g`);
    for (let done = 0; done < 1_000_000; done += 250_000) {
      await ctx.db.execute(
        sql.raw(`
        with s as (select id, client_id, row_number() over (order by id) - 1 as i, count(*) over () as c
                   from sites where tenant_id = '${tenantId}'),
        v as (select id, row_number() over (order by id) - 1 as i from vendors
              where tenant_id = '${tenantId}' and name like 'Large-scale vendor %')
        insert into work_orders (tenant_id, client_id, site_id, vendor_id, title, category, status,
          estimate_hours, created_at, due_at, started_at, completed_at, verified_at, rating, rework)
        select '${tenantId}', s.client_id, s.id, v.id, 'Large-scale job ' || g, 'general', 'verified',
          1 + (g % 8), t, t + interval '1 day', t + interval '2 hours',
          t + (2 + (g % 11)) * interval '1 hour', t + interval '1 day', 1 + (g % 5), (g % 17 = 0)
        from generate_series(${done}, ${done + 249_999}) g
        cross join lateral (select now() - (g % 525600) * interval '1 minute' / 2 as t) tt
        join s on s.i = g % s.c
        join v on v.i = g % 500
      `),
      );
    }
    ctx.log("vendors: 500 vendors, 1000000 work orders");
  },
};
