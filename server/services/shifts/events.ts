import "server-only";
import { afterCommit, type ServiceCtx } from "../_core/context";
import { enqueueEvents, kickOutboxRelay } from "@/server/events/outbox";

/**
 * Asks for these sites' schedules to be rebuilt now, in the caller's transaction (the outbox):
 * the request exists exactly when the roster change does.
 */
export async function requestRebuild(ctx: ServiceCtx, siteIds: string[]): Promise<void> {
  if (!siteIds.length) return;
  await enqueueEvents(ctx.db, [
    {
      name: "shifts/roster.changed",
      data: { tenantId: ctx.tenantId, siteIds: [...new Set(siteIds)] },
    },
  ]);
  afterCommit(ctx, kickOutboxRelay);
}
