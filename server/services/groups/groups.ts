import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { groupCreateInput, groupUpdateInput } from "@/lib/schemas/admin";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { ConflictError, isUniqueViolation, NotFoundError } from "../_core/errors";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { getUserInTenant } from "../users/list";

const { groups, groupMembers, users } = schema;

export async function listGroups(ctx: ServiceCtx) {
  const [rows, members] = await Promise.all([
    ctx.db.select().from(groups).where(eq(groups.tenantId, ctx.tenantId)).orderBy(asc(groups.name)),
    ctx.db
      .select({
        groupId: groupMembers.groupId,
        userId: users.id,
        name: users.name,
        role: users.role,
        active: users.active,
      })
      .from(groupMembers)
      .innerJoin(users, eq(users.id, groupMembers.userId))
      .where(eq(groupMembers.tenantId, ctx.tenantId))
      .orderBy(asc(users.name)),
  ]);
  return rows.map((g) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    hasSlackWebhook: Boolean(g.slackWebhookUrl),
    members: members.filter((m) => m.groupId === g.id),
  }));
}

export async function getGroupInTenant(ctx: ServiceCtx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(groups)
    .where(and(eq(groups.id, id), eq(groups.tenantId, ctx.tenantId)))
    .limit(1);
  if (!row) throw new NotFoundError("Group");
  return row;
}

function conflict(err: unknown, name: string | undefined): never {
  if (isUniqueViolation(err, "groups_tenant_id_name_idx"))
    throw new ConflictError(`A group named ${name} already exists`, "name");
  throw err;
}

const auditable = (g: typeof groups.$inferSelect) => ({
  name: g.name,
  description: g.description,
  slackWebhook: g.slackWebhookUrl ? "set" : "none",
});

export async function createGroup(ctx: ServiceCtx, input: z.output<typeof groupCreateInput>) {
  return inTx(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(groups)
      .values({ tenantId: ctx.tenantId, ...input })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, {
      action: "group.create",
      entityType: "group",
      entityId: row.id,
      after: auditable(row),
    });
    await publish(tx, "group", [row.id]);
    return { id: row.id };
  }).catch((err: unknown) => conflict(err, input.name));
}

export async function updateGroup(ctx: ServiceCtx, input: z.output<typeof groupUpdateInput>) {
  return inTx(ctx, async (tx) => {
    const before = await getGroupInTenant(tx, input.id);
    const { id, ...fields } = input;
    const [after] = await tx.db
      .update(groups)
      .set(fields)
      .where(and(eq(groups.id, id), eq(groups.tenantId, ctx.tenantId)))
      .returning();
    if (!after) throw new NotFoundError("Group");
    await recordAudit(tx, {
      action: "group.update",
      entityType: "group",
      entityId: id,
      before: auditable(before),
      after: auditable(after),
    });
    await publish(tx, "group", [id]);
    return { id };
  }).catch((err: unknown) => conflict(err, input.name));
}

export async function addGroupMember(ctx: ServiceCtx, input: { groupId: string; userId: string }) {
  return inTx(ctx, async (tx) => {
    const group = await getGroupInTenant(tx, input.groupId);
    const user = await getUserInTenant(tx, input.userId);
    const inserted = await tx.db
      .insert(groupMembers)
      .values({ tenantId: ctx.tenantId, groupId: group.id, userId: user.id })
      .onConflictDoNothing()
      .returning();
    if (inserted.length) {
      await recordAudit(tx, {
        action: "group.member_add",
        entityType: "group",
        entityId: group.id,
        after: { member: user.name },
      });
      await publish(tx, "group", [group.id]);
    }
  });
}

export async function removeGroupMember(
  ctx: ServiceCtx,
  input: { groupId: string; userId: string },
) {
  return inTx(ctx, async (tx) => {
    const group = await getGroupInTenant(tx, input.groupId);
    const user = await getUserInTenant(tx, input.userId);
    const removed = await tx.db
      .delete(groupMembers)
      .where(
        and(
          eq(groupMembers.groupId, group.id),
          eq(groupMembers.userId, user.id),
          eq(groupMembers.tenantId, ctx.tenantId),
        ),
      )
      .returning();
    if (removed.length) {
      await recordAudit(tx, {
        action: "group.member_remove",
        entityType: "group",
        entityId: group.id,
        before: { member: user.name },
      });
      await publish(tx, "group", [group.id]);
    }
  });
}
