import { z } from "zod";
import { ALERT_TYPES, RESOLUTIONS, SEVERITIES } from "../noc";
import { chosenId, idList, instant, text, uuid } from "./common";

/** A caller's key for safe retries (a header or a body field). */
export const idempotencyKeyText = text({ min: 1, max: 200 });

export const alertCreateInput = z.object({
  siteId: uuid,
  type: z.enum(ALERT_TYPES, `type must be one of ${ALERT_TYPES.join(", ")}`),
  severity: z.enum(SEVERITIES, `severity must be one of ${SEVERITIES.join(", ")}`),
  title: text({
    min: 1,
    minMessage: "Give the alert a title",
    max: 200,
    maxMessage: "Keep the title under 200 characters",
  }),
  description: text({
    max: 5000,
    maxMessage: "Keep the description under 5000 characters",
  }).default(""),
  fingerprint: text({ min: 1, max: 300 }).optional(),
  deviceId: uuid.optional(),
  ticketId: uuid.optional(),
  shiftId: uuid.optional(),
  idempotencyKey: idempotencyKeyText.optional(),
});
export type AlertCreateInput = z.input<typeof alertCreateInput>;

/** The form an operator raises an alert with: the same input, with a site to choose. */
export const alertFormInput = alertCreateInput.extend({ siteId: chosenId("Choose a site") });

/** A maintenance window: alerts it matches are held back while it runs. */
export const maintenanceWindowInput = z.object({
  name: text({ min: 1, minMessage: "Name the window", max: 120 }),
  startsAt: instant("Choose when it starts"),
  endsAt: instant("Choose when it ends"),
  clientIds: idList(200, "clients").default([]),
  siteIds: idList(500, "sites").default([]),
  types: z.array(z.enum(ALERT_TYPES)).max(ALERT_TYPES.length).default([]),
});

/** The alerts an action applies to (a bulk selection of the queue). */
export const alertIds = idList(200, "alerts").min(1, "Choose at least one alert");

export const alertResolveInput = z.object({
  ids: alertIds,
  resolution: z.enum(RESOLUTIONS, "Choose how it was resolved"),
  note: text({ max: 2000 }).optional(),
});
