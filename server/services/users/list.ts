import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError } from "../_core/errors";

const { users, userScopes, groupMembers, groups } = schema;

const columns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  emailNotifications: users.emailNotifications,
  lastSignInAt: users.lastSignInAt,
  createdAt: users.createdAt,
};

export async function listUsers(ctx: ServiceCtx) {
  const rows = await ctx.db
    .select(columns)
    .from(users)
    .where(eq(users.tenantId, ctx.tenantId))
    .orderBy(asc(users.name));
  const ids = rows.map((r) => r.id);
  const [scopes, memberships] = ids.length
    ? await Promise.all([
        ctx.db
          .select({
            userId: userScopes.userId,
            siteId: userScopes.siteId,
            clientId: userScopes.clientId,
          })
          .from(userScopes)
          .where(and(eq(userScopes.tenantId, ctx.tenantId), inArray(userScopes.userId, ids))),
        ctx.db
          .select({ userId: groupMembers.userId, groupId: groups.id, groupName: groups.name })
          .from(groupMembers)
          .innerJoin(groups, eq(groups.id, groupMembers.groupId))
          .where(and(eq(groupMembers.tenantId, ctx.tenantId), inArray(groupMembers.userId, ids))),
      ])
    : [[], []];
  return rows.map((u) => ({
    ...u,
    scope: {
      siteIds: scopes.flatMap((s) => (s.userId === u.id && s.siteId ? [s.siteId] : [])),
      clientIds: scopes.flatMap((s) => (s.userId === u.id && s.clientId ? [s.clientId] : [])),
    },
    groups: memberships
      .filter((m) => m.userId === u.id)
      .map((m) => ({ id: m.groupId, name: m.groupName })),
  }));
}

/** Fetch-or-throw: a user of this tenant. */
export async function getUserInTenant(ctx: ServiceCtx, id: string) {
  const [user] = await ctx.db
    .select(columns)
    .from(users)
    .where(and(eq(users.id, id), eq(users.tenantId, ctx.tenantId)))
    .limit(1);
  if (!user) throw new NotFoundError("User");
  return user;
}
