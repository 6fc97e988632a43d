import { z } from "zod";
import { DEVICE_KINDS, FAILURE_TYPES } from "../devices";
import { coercedInstant, limit, searchText, text, uuid } from "./common";

const kind = z.enum(DEVICE_KINDS, `kind must be one of ${DEVICE_KINDS.join(", ")}`);

/** The fleet page's filters (in the URL, and the procedures' input). */
export const fleetFilterSchema = z.object({
  clientId: uuid.optional(),
  siteId: uuid.optional(),
  kind: kind.optional(),
});

export const deviceListInput = fleetFilterSchema.extend({
  status: z
    .enum(["online", "offline", "at_risk"], "status must be online, offline or at_risk")
    .optional(),
  q: searchText,
  limit: limit(200, 50),
  offset: z
    .number("The offset must be a number")
    .int("The offset must be a whole number")
    .min(0, "The offset must be 0 or more")
    .max(100_000, "The offset must be at most 100,000")
    .default(0),
});

export const deviceCreateInput = z.object({
  siteId: uuid,
  kind,
  name: text({
    min: 1,
    minMessage: "Name the device",
    max: 120,
    maxMessage: "Keep the name under 120 characters",
  }),
  model: text({ max: 120, maxMessage: "Keep the model under 120 characters" }).default(""),
  serial: text({
    min: 1,
    minMessage: "Give the serial number",
    max: 80,
    maxMessage: "Keep the serial under 80 characters",
  }),
  installedAt: coercedInstant("Give the installation date").nullable().optional(),
});

export const gatewayKeyCreateInput = z.object({
  siteId: uuid,
  name: text({
    min: 1,
    minMessage: "Name the gateway",
    max: 120,
    maxMessage: "Keep the name under 120 characters",
  }),
});

/** One click from a recommendation: the device, and the failure it is about (default: predicted). */
export const deviceWorkOrderInput = z.object({
  deviceId: uuid,
  type: z.enum(FAILURE_TYPES, `type must be one of ${FAILURE_TYPES.join(", ")}`).optional(),
  vendorId: uuid.nullable().optional(),
});
