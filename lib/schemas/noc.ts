import { z } from "zod";
import { ALERT_TYPES, SEVERITIES } from "../noc";
import { uuid } from "./admin";

export const alertCreateInput = z.object({
  siteId: uuid,
  type: z.enum(ALERT_TYPES, `type must be one of ${ALERT_TYPES.join(", ")}`),
  severity: z.enum(SEVERITIES, `severity must be one of ${SEVERITIES.join(", ")}`),
  title: z
    .string()
    .trim()
    .min(1, "Give the alert a title")
    .max(200, "Keep the title under 200 characters"),
  description: z
    .string()
    .trim()
    .max(5000, "Keep the description under 5000 characters")
    .default(""),
  fingerprint: z.string().trim().min(1).max(300).optional(),
  deviceId: uuid.optional(),
  ticketId: uuid.optional(),
  shiftId: uuid.optional(),
  idempotencyKey: z.string().trim().min(1).max(200).optional(),
});
export type AlertCreateInput = z.input<typeof alertCreateInput>;
