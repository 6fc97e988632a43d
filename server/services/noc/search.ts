import "server-only";
import type { ServiceCtx } from "../_core/context";
import { listQueue } from "./queue";

/**
 * Open alerts the actor may see whose title, description or site matches `q`, most urgent
 * first (the queue's own order and search), with only what the command palette shows.
 */
export async function searchOpenAlerts(
  ctx: ServiceCtx,
  input: { q: string; limit: number },
  now: Date,
) {
  const rows = await listQueue(ctx, { q: input.q, limit: input.limit }, now);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    severity: r.severity,
    status: r.status,
    escalated: r.escalated,
    siteName: r.siteName,
    clientName: r.clientName,
  }));
}
