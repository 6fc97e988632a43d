import { z } from "zod";
import { idList, limit } from "@/lib/schemas/common";
import { listInbox, markRead } from "@/server/services/notifications/inbox";
import { router, tenantProcedure } from "../trpc";

export const notificationRouter = router({
  inbox: tenantProcedure
    .input(z.object({ limit: limit(100, 20) }).default({ limit: 20 }))
    .query(({ ctx, input }) => listInbox(ctx.svc, input)),
  markRead: tenantProcedure
    .input(z.object({ ids: idList(100, "notifications").optional() }))
    .mutation(({ ctx, input }) => markRead(ctx.svc, input)),
});
