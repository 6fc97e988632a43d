import { z } from "zod";
import { ROLES } from "../roles";
import { TIERS } from "../tiers";
import { email as emailAddress, httpUrl, idList, phone, text, uuid } from "./common";

export { uuid };

const name = text({ min: 1, minMessage: "Enter a name", max: 120 });
const email = emailAddress("Enter a valid e-mail address");

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return value.includes("/") || value === "UTC";
  } catch {
    return false;
  }
}

export const timeZone = text({ max: 64 }).refine(
  isTimeZone,
  "Use an IANA time zone such as America/Chicago",
);

export const scopeInput = z.object({
  siteIds: idList(500, "sites").default([]),
  clientIds: idList(500, "clients").default([]),
});

export const userCreateInput = z.object({
  name,
  email,
  role: z.enum(ROLES, "Choose a role"),
  password: text({ min: 10, minMessage: "Use at least 10 characters", max: 200, trim: false }),
  scope: scopeInput.default({ siteIds: [], clientIds: [] }),
});

export const userUpdateInput = z.object({
  id: uuid,
  name: name.optional(),
  role: z.enum(ROLES, "Choose a role").optional(),
  active: z.boolean().optional(),
  emailNotifications: z.boolean().optional(),
  scope: scopeInput.optional(),
});

const recipients = z
  .array(emailAddress("Each recipient must be an e-mail address"))
  .max(20, "At most 20 recipients");

const pct = z.number("Enter a percentage").min(0, "At least 0").max(100, "At most 100");
export const contractTargets = z.object({
  slaMetPct: pct.optional(),
  alarmResponseMinutes: z
    .number("Enter a number of minutes")
    .int("Use whole minutes")
    .min(1, "At least 1 minute")
    .max(24 * 60, "At most 24 hours")
    .optional(),
  shiftFillPct: pct.optional(),
  deviceUptimePct: pct.optional(),
});

export const clientCreateInput = z.object({
  name,
  tier: z.enum(TIERS, "Choose a plan tier"),
  executiveRecipients: recipients.default([]),
  contractTargets: contractTargets.default({}),
});

/** The client form writes its recipients as one line of addresses, separated by commas. */
export const clientFormInput = clientCreateInput.extend({
  executiveRecipients: text({ max: 20 * 256 }).transform((line, ctx) => {
    const list = recipients.safeParse(line.split(/[,\s]+/).filter(Boolean));
    if (list.success) return list.data;
    for (const issue of list.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
    return z.NEVER;
  }),
});

export const clientUpdateInput = clientCreateInput
  .partial()
  .extend({ id: uuid, active: z.boolean().optional() });

export const siteCreateInput = z.object({
  clientId: uuid,
  name,
  address: text({ max: 300 }).default(""),
  phone: phone().default(""),
  timeZone,
  latitude: z
    .number("Enter the latitude")
    .min(-90, "Latitude is between -90 and 90")
    .max(90, "Latitude is between -90 and 90"),
  longitude: z
    .number("Enter the longitude")
    .min(-180, "Longitude is between -180 and 180")
    .max(180, "Longitude is between -180 and 180"),
  geofenceRadiusM: z
    .number("Enter the radius in metres")
    .int("Use whole metres")
    .min(10, "At least 10 m")
    .max(10000, "At most 10 km"),
  criticality: z
    .number("Criticality is 1–5")
    .int("Criticality is 1–5")
    .min(1, "Criticality is 1–5")
    .max(5, "Criticality is 1–5"),
});

export const siteUpdateInput = siteCreateInput
  .partial()
  .extend({ id: uuid, active: z.boolean().optional() });

/** A Slack incoming-webhook URL, or null for none. */
export const webhook = httpUrl(
  "Enter the webhook's full URL",
  "The webhook must be an http(s) URL",
).nullable();

export const groupCreateInput = z.object({
  name,
  description: text({ max: 300 }).default(""),
  slackWebhookUrl: webhook.default(null),
});

export const groupUpdateInput = groupCreateInput.partial().extend({ id: uuid });

export const groupMemberInput = z.object({ groupId: uuid, userId: uuid });
