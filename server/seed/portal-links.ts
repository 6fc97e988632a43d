import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { schema, type Db } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { sendVendorLink } from "@/server/services/vendors/portal";

/**
 * Fresh vendor-portal links for a few of the demo's open work orders, so a developer can open
 * the portal at once (links are stored hashed: the only time one can be shown is when made).
 */
export async function demoPortalLinks(db: Db, baseUrl: string, count = 3) {
  const [tenant] = await db
    .select({ id: schema.tenants.id })
    .from(schema.tenants)
    .where(eq(schema.tenants.slug, "northwind"));
  if (!tenant) return [];
  const orders = await db
    .select({
      id: schema.workOrders.id,
      number: schema.workOrders.number,
      title: schema.workOrders.title,
    })
    .from(schema.workOrders)
    .where(
      and(
        eq(schema.workOrders.tenantId, tenant.id),
        isNotNull(schema.workOrders.vendorId),
        inArray(schema.workOrders.status, ["assigned", "accepted", "in_progress", "on_hold"]),
      ),
    )
    .orderBy(schema.workOrders.number)
    .limit(count);
  const ctx = jobContext(tenant.id, "demo-links", db);
  const now = new Date();
  const links = [];
  for (const o of orders) {
    const { url } = await sendVendorLink(ctx, { id: o.id, baseUrl }, now);
    links.push({ number: o.number, title: o.title, url });
  }
  return links;
}
