/**
 * Notification kinds and delivery choices, shared by the enqueue service, the settings form
 * and the preferences schema. A kind without a saved choice goes out as it always did: in the
 * app, plus e-mail when the user's "also by e-mail" switch is on.
 */
export const NOTIFICATION_KINDS = [
  "alert_routed",
  "alert_escalated",
  "ticket_escalated",
  "shift_finding",
  "work_order",
  "playbook",
  "account",
  "other",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  alert_routed: "New alerts routed to my groups",
  alert_escalated: "Escalated alerts",
  ticket_escalated: "Escalated tickets",
  shift_finding: "Shift findings (no-shows, late check-ins, missed checkpoints)",
  work_order: "Work order updates from vendors",
  playbook: "Playbook notices",
  account: "My account (role changes)",
  other: "Anything else",
};

export const NOTIFICATION_CHANNELS = ["in_app", "email", "slack"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const NOTIFICATION_CHANNEL_LABELS: Record<NotificationChannel, string> = {
  in_app: "In app",
  email: "E-mail",
  slack: "Slack",
};

/** Saved choices per kind; an empty list means off. */
export type NotificationPrefs = Partial<Record<NotificationKind, NotificationChannel[]>>;

export const EMAIL_DIGESTS = ["off", "hourly", "daily"] as const;
export type EmailDigest = (typeof EMAIL_DIGESTS)[number];

export const EMAIL_DIGEST_LABELS: Record<EmailDigest, string> = {
  off: "Send each e-mail as it happens",
  hourly: "One digest an hour",
  daily: "One digest a day (07:00 UTC)",
};

/** The channels a kind goes out on for a user: their choice, else today's default. */
export function channelsFor(
  prefs: NotificationPrefs,
  kind: NotificationKind,
  emailNotifications: boolean,
): NotificationChannel[] {
  return prefs[kind] ?? (emailNotifications ? ["in_app", "email"] : ["in_app"]);
}
