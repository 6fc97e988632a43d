import { liveDb } from "@/server/db";
import type { ServiceCtx, UserActor } from "../_core/context";
import { ForbiddenError } from "../_core/errors";
import { type AlertViewer, alertViewer } from "../noc/access";
import { loadActiveUser } from "../users/load-active-user";

/** The subscriber may no longer stream (deactivated): the bus ends its stream. */
export class AccessEnded extends Error {}

/**
 * Who a live stream serves, read again when an admin changes them: `viewer` says which alerts
 * they may see now (null: their role has no queue), or throws AccessEnded.
 */
export type LiveSubscriber = { userId: string | null; viewer: () => Promise<AlertViewer | null> };

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
    viewer: async () => {
      const db = liveDb();
      const actor = await loadActiveUser(db, tenantId, userId);
      if (!actor) throw new AccessEnded("The account is no longer active");
      try {
        return await alertViewer({ tenantId, actor, db });
      } catch (err) {
        if (err instanceof ForbiddenError) return null;
        throw err;
      }
    },
  };
}
