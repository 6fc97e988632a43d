import "server-only";
import { z } from "zod";
import { auditSearchInput } from "@/lib/schemas/audit";
import { limit, text } from "@/lib/schemas/common";
import { listEntityTimeline, listRecentAudit } from "@/server/services/audit/list";
import { auditFilterOptions, searchAudit } from "@/server/services/audit/search";
import { requireCapability, router } from "../trpc";

const auditReader = requireCapability("audit.view");

export const auditRouter = router({
  timeline: auditReader
    .input(
      z.object({ entityType: text({ min: 1, max: 40 }), entityId: text({ min: 1, max: 100 }) }),
    )
    .query(({ ctx, input }) => listEntityTimeline(ctx.svc, input)),
  recent: auditReader
    .input(
      z.object({
        entityType: text({ min: 1, max: 40 }).optional(),
        cursor: z.number("The cursor must be a number").int().positive().optional(),
        limit: limit(200, 50),
      }),
    )
    .query(({ ctx, input }) => listRecentAudit(ctx.svc, { ...input, before: input.cursor })),
  /** The audit page: filtered, newest first, with names and links. */
  search: auditReader
    .input(
      auditSearchInput.extend({
        cursor: z.number("The cursor must be a number").int().positive().optional(),
        limit: limit(200, 50),
      }),
    )
    .query(({ ctx, input }) => searchAudit(ctx.svc, input)),
  filterOptions: auditReader.query(({ ctx }) => auditFilterOptions(ctx.svc)),
});
