import { z } from "zod";
import { EMAIL_DIGESTS, NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from "@/lib/notifications";

const channels = z
  .array(z.enum(NOTIFICATION_CHANNELS, "Choose in app, e-mail or Slack"))
  .max(NOTIFICATION_CHANNELS.length)
  .transform((list) => [...new Set(list)]);

/** A user's own notification choices: per kind (an empty list is off) and the e-mail digest. */
export const notificationPrefsInput = z.object({
  kinds: z.partialRecord(z.enum(NOTIFICATION_KINDS, "Unknown notification kind"), channels),
  emailDigest: z.enum(EMAIL_DIGESTS, "Choose off, hourly or daily"),
});
export type NotificationPrefsInput = z.output<typeof notificationPrefsInput>;
