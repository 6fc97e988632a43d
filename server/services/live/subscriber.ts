import "server-only";
import { liveDb } from "@/server/db";
import { loadActiveUser } from "../_core/active-user";
import type { ServiceCtx, UserActor } from "../_core/context";

/** The subscriber may no longer stream (deactivated): the bus ends its stream. */
export class AccessEnded extends Error {}

/**
 * Who a live stream serves, read again when an admin changes them: `signedIn` is their
 * context as of now (from which each registered push reads what they may see of it), or
 * throws AccessEnded.
 */
export type LiveSubscriber = {
  userId: string | null;
  signedIn: () => Promise<ServiceCtx<UserActor>>;
};

/**
 * A signed-in user's stream. Their account is read afresh each time, so a deactivated user's
 * open stream ends, and a changed role or group changes what it carries, without waiting for
 * the browser to reconnect.
 */
export function userSubscriber(ctx: ServiceCtx<UserActor>): LiveSubscriber {
  const { tenantId } = ctx;
  const { userId } = ctx.actor;
  return {
    userId,
    signedIn: async () => {
      const db = liveDb();
      const actor = await loadActiveUser(db, tenantId, userId);
      if (!actor) throw new AccessEnded("The account is no longer active");
      return { tenantId, actor, db };
    },
  };
}
