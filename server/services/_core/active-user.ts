import "server-only";
import { and, eq } from "drizzle-orm";
import { schema, type DbOrTx } from "@/server/db";
import type { UserActor } from "./context";
import { resolveScope } from "./scope";

/** The signed-in user as an actor, or null when the account is gone or deactivated. */
export async function loadActiveUser(
  db: DbOrTx,
  tenantId: string,
  userId: string,
): Promise<UserActor | null> {
  const [user] = await db
    .select({
      id: schema.users.id,
      role: schema.users.role,
      name: schema.users.name,
      email: schema.users.email,
      active: schema.users.active,
    })
    .from(schema.users)
    .where(and(eq(schema.users.id, userId), eq(schema.users.tenantId, tenantId)))
    .limit(1);
  if (!user?.active) return null;
  const scope = await resolveScope(db, tenantId, user.id, user.role);
  return {
    type: "user",
    userId: user.id,
    role: user.role,
    name: user.name,
    email: user.email,
    scope,
  };
}
