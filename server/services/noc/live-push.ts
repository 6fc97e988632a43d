import "server-only";
import type { LivePush } from "../live/registry";
import { type AlertViewer, alertViewer, viewerKey } from "./access";
import { forgetOpenCounts, openCountsAfter } from "./open-counts";
import {
  type OpenCount,
  openCountsFor,
  type QueueRow,
  queueRowsByIds,
  type QueueStats,
  sharedQueueTiming,
} from "./queue";

/**
 * A page's view of a batch of alert changes: the changed rows it may see; the ids of changed
 * alerts it may not (any copy it holds is stale: the alert left its groups); the ids of those
 * it may see that were resolved (they leave the open queue; a page listing resolved alerts
 * refetches), sent without their rows to keep the message small; and its header
 * (alert.stats: open counts as of this batch, MTTA/MTTR as shared for a few seconds).
 */
export type QueuePatch = {
  rows: QueueRow[];
  gone: string[];
  resolved: string[];
  stats: QueueStats;
};

declare module "../live/registry" {
  interface LivePushes {
    alert: { queue: QueuePatch };
  }
}

/** A batch of alert changes, read once for every open page of the tenant. */
type AlertBatch = { rows: QueueRow[]; counts: OpenCount[] };

/**
 * Alert changes reach open NOC pages as the changed queue rows and the header's counts, so
 * pages patch their queue (lib/live-queue.ts) instead of each refetching it. Viewers who see
 * the same alerts (viewerKey) share one message; a specialist's view is read again when groups
 * change; roles without the queue get the ids only. Registered in server/services/live-domains.ts.
 */
export const alertLivePush: LivePush<"alert", AlertViewer, AlertBatch> = {
  topic: "alert",
  access: alertViewer,
  accessClass: viewerKey,
  refreshOn: (event, viewer) => !viewer.all && event.topic === "group",
  load: (db, tenantId, ids) =>
    openCountsAfter(db, tenantId, ids, () => queueRowsByIds(db, tenantId, ids)),
  forget: forgetOpenCounts,
  build: async ({ db, tenantId, access: viewer, batch, now }) => {
    const groups = viewer.all ? null : new Set(viewer.groupIds);
    const rows: QueueRow[] = [];
    const gone: string[] = [];
    const resolved: string[] = [];
    for (const r of batch.rows) {
      if (groups && (r.assignedGroupId === null || !groups.has(r.assignedGroupId))) gone.push(r.id);
      else if (r.status === "resolved") resolved.push(r.id);
      else rows.push(r);
    }
    const timing = await sharedQueueTiming(db, tenantId, viewer, now);
    return {
      queue: {
        rows,
        gone,
        resolved,
        stats: { open: openCountsFor(viewer, batch.counts), ...timing },
      },
    };
  },
};
