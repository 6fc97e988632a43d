import "server-only";
import type { Session } from "next-auth";
import { can, type Capability } from "@/lib/permissions";
import { db } from "@/server/db";
import type { ServiceCtx, UserActor } from "@/server/services/_core/context";
import { loadActiveUser } from "@/server/services/_core/active-user";

/** Why a request is refused before any service runs: tRPC and route handlers map it alike. */
export type Refusal = { status: 401 | 403; message: string };

/**
 * The one way a request becomes a signed-in staff context, for tRPC procedures and route
 * handlers alike: tenant, current role and scope are read from the database, not the token, so a
 * deactivated account or a changed role counts at once.
 */
export async function staffFromSession(
  session: Session | null,
): Promise<{ ctx: ServiceCtx<UserActor> } | { refusal: Refusal }> {
  const user = session?.user;
  if (!user?.id) return { refusal: { status: 401, message: "Sign in to continue" } };
  const actor = await loadActiveUser(db, user.tenantId, user.id);
  if (!actor)
    return {
      refusal: { status: 401, message: "Your account is no longer active. Sign in again." },
    };
  return { ctx: { tenantId: user.tenantId, actor, db } };
}

/** The refusal of an actor without the capability (lib/permissions.ts), or null. */
export function capabilityRefusal(actor: UserActor, capability: Capability): Refusal | null {
  return can(actor.role, capability)
    ? null
    : { status: 403, message: "Your role does not allow this" };
}
