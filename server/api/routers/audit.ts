import { z } from "zod";
import { listEntityTimeline, listRecentAudit } from "@/server/services/audit/list";
import { requireCapability, router } from "../trpc";

const auditReader = requireCapability("audit.view");

export const auditRouter = router({
  timeline: auditReader
    .input(
      z.object({ entityType: z.string().min(1).max(40), entityId: z.string().min(1).max(100) }),
    )
    .query(({ ctx, input }) => listEntityTimeline(ctx.svc, input)),
  recent: auditReader
    .input(
      z.object({
        entityType: z.string().min(1).max(40).optional(),
        cursor: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => listRecentAudit(ctx.svc, { ...input, before: input.cursor })),
});
