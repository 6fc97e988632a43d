import { z } from "zod";
import { uuid } from "@/lib/schemas/admin";
import { listInbox, markRead } from "@/server/services/notifications/inbox";
import { router, tenantProcedure } from "../trpc";

export const notificationRouter = router({
  inbox: tenantProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 }))
    .query(({ ctx, input }) => listInbox(ctx.svc, input)),
  markRead: tenantProcedure
    .input(z.object({ ids: z.array(uuid).max(100).optional() }))
    .mutation(({ ctx, input }) => markRead(ctx.svc, input, new Date())),
});
