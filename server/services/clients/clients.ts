import "server-only";
import { and, asc, count, eq } from "drizzle-orm";
import type { z } from "zod";
import type { clientCreateInput, clientUpdateInput } from "@/lib/schemas/admin";
import { featuresOf } from "@/lib/tiers";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { ConflictError, isUniqueViolation, NotFoundError } from "../_core/errors";
import { visibleClientFilter } from "../_core/scope";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";

const { clients, sites } = schema;

export async function listClients(ctx: ServiceCtx) {
  const rows = await ctx.db
    .select({
      id: clients.id,
      name: clients.name,
      tier: clients.tier,
      executiveRecipients: clients.executiveRecipients,
      contractTargets: clients.contractTargets,
      active: clients.active,
      siteCount: count(sites.id),
    })
    .from(clients)
    .leftJoin(sites, eq(sites.clientId, clients.id))
    .where(and(eq(clients.tenantId, ctx.tenantId), visibleClientFilter(ctx, clients.id)))
    .groupBy(clients.id)
    .orderBy(asc(clients.name));
  return rows.map((c) => ({ ...c, features: featuresOf(c.tier) }));
}

/** Fetch-or-throw: a client of this tenant within the actor's scope. */
export async function getClientInTenant(ctx: ServiceCtx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(clients)
    .where(
      and(
        eq(clients.id, id),
        eq(clients.tenantId, ctx.tenantId),
        visibleClientFilter(ctx, clients.id),
      ),
    )
    .limit(1);
  if (!row) throw new NotFoundError("Client");
  return row;
}

function auditable(c: typeof clients.$inferSelect) {
  return {
    name: c.name,
    tier: c.tier,
    executiveRecipients: c.executiveRecipients,
    contractTargets: c.contractTargets,
    active: c.active,
  };
}

function conflict(err: unknown, name: string | undefined): never {
  if (isUniqueViolation(err, "clients_tenant_id_name_idx"))
    throw new ConflictError(`A client named ${name} already exists`, "name");
  throw err;
}

export async function createClient(ctx: ServiceCtx, input: z.output<typeof clientCreateInput>) {
  return inTx(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(clients)
      .values({ tenantId: ctx.tenantId, ...input })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, {
      action: "client.create",
      entityType: "client",
      entityId: row.id,
      after: auditable(row),
    });
    await publish(tx, "client", [row.id]);
    return row;
  }).catch((err: unknown) => conflict(err, input.name));
}

export async function updateClient(ctx: ServiceCtx, input: z.output<typeof clientUpdateInput>) {
  return inTx(ctx, async (tx) => {
    const before = await getClientInTenant(tx, input.id);
    const { id, ...fields } = input;
    const [after] = await tx.db
      .update(clients)
      .set(fields)
      .where(and(eq(clients.id, id), eq(clients.tenantId, ctx.tenantId)))
      .returning();
    if (!after) throw new NotFoundError("Client");
    await recordAudit(tx, {
      action: before.tier !== after.tier ? "client.tier_change" : "client.update",
      entityType: "client",
      entityId: id,
      before: auditable(before),
      after: auditable(after),
    });
    await publish(tx, "client", [id]);
    return after;
  }).catch((err: unknown) => conflict(err, input.name));
}
