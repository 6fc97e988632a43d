import { z } from "zod";
import { AUDIT_ACTOR_KINDS, AUDIT_ENTITY_TYPE_KEYS } from "../audit";
import { instant, text, uuid } from "./common";

const actorKinds = Object.keys(AUDIT_ACTOR_KINDS).map((k) => `kind:${k}`);

/** The audit log's filters, as the page, its URL and the CSV export share them. */
export const auditSearchInput = z.object({
  /** a user's id, or "kind:system" / "kind:vendor_token" / "kind:api_key" */
  actor: z
    .union([uuid, z.enum(actorKinds as [string, ...string[]])], "Choose a person or a kind")
    .optional(),
  entityType: z.enum(AUDIT_ENTITY_TYPE_KEYS, "Not an entity kind the log knows").optional(),
  action: text({ min: 1, max: 80 }).optional(),
  from: instant("The start must be a date and time").optional(),
  to: instant("The end must be a date and time").optional(),
  q: text({ max: 100, maxMessage: "Keep the search under 100 characters" }).optional(),
  hideSimulator: z.boolean().optional(),
});
export type AuditSearch = z.infer<typeof auditSearchInput>;
