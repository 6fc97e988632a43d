import { z } from "zod";
import { ALERT_TYPES, SEVERITIES } from "../noc";
import { chosenId, text, uuid } from "./common";

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
