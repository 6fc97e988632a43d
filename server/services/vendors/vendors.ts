import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { tiersWith } from "@/lib/tiers";
import { DEFAULT_PERIOD_DAYS } from "@/lib/work-orders";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError, isUniqueViolation, ConflictError } from "../_core/errors";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { rankVendors, type VendorRow } from "./score";
import { rawRows } from "@/server/db/raw";

const { vendors, vendorDocuments } = schema;

export async function createVendor(
  ctx: ServiceCtx,
  input: { name: string; trades: string[]; contactName: string; email: string; phone: string },
) {
  return inTx(ctx, async (tx) => {
    try {
      const [row] = await tx.db
        .insert(vendors)
        .values({ tenantId: ctx.tenantId, ...input })
        .returning({ id: vendors.id });
      if (!row) throw new Error("vendor not created");
      await recordAudit(tx, {
        action: "vendor.create",
        entityType: "vendor",
        entityId: row.id,
        after: input,
      });
      await publish(tx, "workOrder", null);
      return row;
    } catch (err) {
      if (isUniqueViolation(err))
        throw new ConflictError(`There is already a vendor called ${input.name}`, "name");
      throw err;
    }
  });
}

/** Vendors with their documents; any expired document makes a vendor do-not-dispatch. */
export async function listVendors(ctx: ServiceCtx, now: Date) {
  const day = now.toISOString().slice(0, 10);
  const [rows, docs] = await Promise.all([
    ctx.db
      .select()
      .from(vendors)
      .where(eq(vendors.tenantId, ctx.tenantId))
      .orderBy(asc(vendors.name)),
    ctx.db
      .select()
      .from(vendorDocuments)
      .where(eq(vendorDocuments.tenantId, ctx.tenantId))
      .orderBy(asc(vendorDocuments.expiresOn)),
  ]);
  return rows.map((v) => {
    const mine = docs.filter((d) => d.vendorId === v.id);
    const expired = mine.filter((d) => d.expiresOn < day);
    return { ...v, documents: mine, expired, doNotDispatch: expired.length > 0 };
  });
}

export async function addVendorDocument(
  ctx: ServiceCtx,
  input: { vendorId: string; kind: string; name: string; expiresOn: string },
) {
  return inTx(ctx, async (tx) => {
    const [v] = await tx.db
      .select({ id: vendors.id })
      .from(vendors)
      .where(and(eq(vendors.id, input.vendorId), eq(vendors.tenantId, ctx.tenantId)));
    if (!v) throw new NotFoundError("Vendor");
    const [row] = await tx.db
      .insert(vendorDocuments)
      .values({ tenantId: ctx.tenantId, ...input })
      .returning({ id: vendorDocuments.id });
    await recordAudit(tx, {
      action: "vendor.document",
      entityType: "vendor",
      entityId: input.vendorId,
      after: { kind: input.kind, name: input.name, expiresOn: input.expiresOn },
    });
    await publish(tx, "workOrder", null);
    return row;
  });
}

type AggRow = VendorRow & { isCurrent: boolean };

/**
 * Rankings over a period (default 90 days) and the one before it, for every vendor of the
 * tenant in one aggregate query; scoring, shrinkage and ranks are pure (score.ts).
 */
export async function vendorRankings(ctx: ServiceCtx, input: { days?: number }, now: Date) {
  const days = input.days ?? DEFAULT_PERIOD_DAYS;
  const at = now.toISOString();
  const tiers = `{${tiersWith("vendorPerformance").join(",")}}`;
  // Literal bounds and a plain join keep the aggregate parallel; grouping by the vendor and a
  // boolean only (names joined after) lets the planner expect two groups per vendor and
  // aggregate in a hash table instead of sorting a million rows to disk.
  const rows = await rawRows<AggRow>(
    ctx.db,
    sql`
    with agg as (
      select w.vendor_id,
        w.completed_at > ${at}::timestamptz - ${`${days} days`}::interval as "isCurrent",
        count(*)::int as orders,
        count(*) filter (where w.due_at is not null)::int as "dueOrders",
        count(*) filter (where w.due_at is not null and w.completed_at <= w.due_at)::int as "onTime",
        count(*) filter (where w.estimate_hours > 0 and w.started_at is not null)::int as "timedOrders",
        coalesce(sum(100 * least(1, w.estimate_hours /
          greatest(extract(epoch from w.completed_at - w.started_at) / 3600, 0.01)))
          filter (where w.estimate_hours > 0 and w.started_at is not null), 0)::float8 as "timePerfSum",
        coalesce(sum(w.rating), 0)::int as "ratingSum",
        count(w.rating)::int as "ratedOrders",
        count(*) filter (where w.rework)::int as reworked
      from work_orders w join clients c on c.id = w.client_id
      where w.tenant_id = ${ctx.tenantId} and w.completed_at is not null and w.vendor_id is not null
        -- performance tracking is for clients on silver and up
        and c.tier = any(${tiers}::tier[])
        and w.completed_at > ${at}::timestamptz - ${`${days * 2} days`}::interval
        and w.completed_at <= ${at}::timestamptz
      group by 1, 2
    )
    select agg.vendor_id as "vendorId", v.name, agg."isCurrent", agg.orders, agg."dueOrders",
      agg."onTime", agg."timedOrders", agg."timePerfSum", agg."ratingSum", agg."ratedOrders",
      agg.reworked
    from agg join vendors v on v.id = agg.vendor_id`,
  );
  const current = rows.filter((r) => r.isCurrent);
  const previous = rows.filter((r) => !r.isCurrent);
  return { days, ranked: rankVendors(current, previous) };
}
