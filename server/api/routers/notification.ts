import { z } from "zod";
import { uuid } from "@/lib/schemas/admin";
import { listInbox, markRead } from "@/server/services/notifications/inbox";
import { requireCapability, router } from "../trpc";

const signedIn = requireCapability("signedIn");

export const notificationRouter = router({
  inbox: signedIn
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 }))
    .query(({ ctx, input }) => listInbox(ctx.svc, input)),
  markRead: signedIn
    .input(z.object({ ids: z.array(uuid).max(100).optional() }))
    .mutation(({ ctx, input }) => markRead(ctx.svc, input)),
});
