import { sql } from "drizzle-orm";
import { closeDb, db, schema } from "@/server/db";
import { jobContext, platformContext } from "@/server/services/_core/system";
import { rawRows } from "@/server/db/raw";
import { benchTenant, pct } from "./shared";

/**
 * Vendors speed (quality.md): rankings over 90 days for every vendor (bar ≤ 1 s), and the
 * vendor portal's server time (token lookup + view) p50/p95, on the --scale large data.
 */
export async function benchVendors() {
  const tenant = await benchTenant("--scale large --only vendors");
  const [counts] = await rawRows<{
    vendors: number;
    orders: number;
  }>(
    db,
    sql`
    select (select count(*) from vendors where tenant_id = ${tenant.id})::int as vendors,
      (select count(*) from work_orders where tenant_id = ${tenant.id})::int as orders`,
  );
  console.log(`vendors: ${counts?.vendors ?? 0} vendors, ${counts?.orders ?? 0} work orders`);
  const { vendorRankings } = await import("@/server/services/vendors/vendors");
  const ctx = jobContext(tenant.id, "bench");
  const times: number[] = [];
  let ranked = 0;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const r = await vendorRankings(ctx, { days: 90 }, new Date());
    times.push(performance.now() - t0);
    ranked = r.ranked.length;
  }
  console.log(
    `vendors: rankings over 90 days (${ranked} vendors ranked, with the previous period): p50 ${pct(times, 50).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
  );

  const { resolvePortalToken, portalView, sendVendorLink } =
    await import("@/server/services/vendors/portal");
  const [order] = await db
    .select({ id: schema.workOrders.id })
    .from(schema.workOrders)
    .where(
      sql`${schema.workOrders.tenantId} = ${tenant.id} and ${schema.workOrders.status} in ('assigned','accepted','in_progress') and ${schema.workOrders.vendorId} is not null`,
    )
    .limit(1);
  if (!order) throw new Error("no open work order with a vendor");
  const { url } = await sendVendorLink(ctx, { id: order.id, baseUrl: "http://bench" }, new Date());
  const token = url.split("/v/")[1] ?? "";
  const portal: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    const access = await resolvePortalToken(platformContext("vendor-link"), token, new Date());
    if (access) await portalView(access);
    portal.push(performance.now() - t0);
  }
  console.log(
    `vendors: portal page server time (token lookup + view, 200 requests) p50 ${pct(portal, 50).toFixed(1)} ms, p95 ${pct(portal, 95).toFixed(1)} ms`,
  );
  await closeDb();
}
