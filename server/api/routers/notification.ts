import "server-only";
import { z } from "zod";
import { idList, limit } from "@/lib/schemas/common";
import { listInbox, markRead } from "@/server/services/notifications/inbox";
import { requireCapability, router } from "../trpc";

const signedIn = requireCapability("signedIn");

export const notificationRouter = router({
  inbox: signedIn
    .input(z.object({ limit: limit(100, 20) }).default({ limit: 20 }))
    .query(({ ctx, input }) => listInbox(ctx.svc, input)),
  markRead: signedIn
    .input(z.object({ ids: idList(100, "notifications").optional() }))
    .mutation(({ ctx, input }) => markRead(ctx.svc, input, new Date())),
});
