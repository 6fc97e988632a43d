import "server-only";
import { z } from "zod";
import { idList, limit } from "@/lib/schemas/common";
import { notificationPrefsInput } from "@/lib/schemas/notifications";
import { listInbox, markRead } from "@/server/services/notifications/inbox";
import {
  getNotificationPrefs,
  setCriticalAlertPing,
  updateNotificationPrefs,
} from "@/server/services/notifications/preferences";
import { requireCapability, router } from "../trpc";

const signedIn = requireCapability("signedIn");

export const notificationRouter = router({
  inbox: signedIn
    .input(z.object({ limit: limit(100, 20) }).default({ limit: 20 }))
    .query(({ ctx, input }) => listInbox(ctx.svc, input)),
  markRead: signedIn
    .input(z.object({ ids: idList(100, "notifications").optional() }))
    .mutation(({ ctx, input }) => markRead(ctx.svc, input, new Date())),
  preferences: signedIn.query(({ ctx }) => getNotificationPrefs(ctx.svc)),
  updatePreferences: signedIn
    .input(notificationPrefsInput)
    .mutation(({ ctx, input }) => updateNotificationPrefs(ctx.svc, input)),
  /** The NOC page's sound and desktop notification for new alerts scored 80+ (opt-in). */
  setCriticalAlertPing: signedIn
    .input(z.object({ on: z.boolean("Say on or off") }))
    .mutation(({ ctx, input }) => setCriticalAlertPing(ctx.svc, input)),
});
