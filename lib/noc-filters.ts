import { z } from "zod";
import { ALERT_STATUSES, ALERT_TYPES, SEVERITIES } from "./noc";
import { searchText, uuid } from "./schemas/common";

/** The NOC page's filters, as they appear in its URL and in the queue query. */
export const queueFilterSchema = z.object({
  status: z.enum(ALERT_STATUSES).optional(),
  type: z.enum(ALERT_TYPES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  clientId: uuid.optional(),
  siteId: uuid.optional(),
  groupId: uuid.optional(),
  mine: z.boolean().optional(),
  suppressed: z.boolean().optional(),
  /** escalated alerts only */
  escalated: z.boolean().optional(),
  /** not acknowledged past the severity's response target (lib/noc.ts, TARGET_RESPONSE_MINUTES) */
  overdue: z.boolean().optional(),
  q: searchText,
});
export type QueueFilterInput = z.infer<typeof queueFilterSchema>;

/** Reads filters from URL search params, dropping anything that does not parse. */
export function filtersFromSearch(
  params: Record<string, string | string[] | undefined>,
): QueueFilterInput {
  const pick = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  const raw = {
    status: pick("status"),
    type: pick("type"),
    severity: pick("severity"),
    clientId: pick("client"),
    siteId: pick("site"),
    groupId: pick("group"),
    mine: pick("mine") === "1" ? true : undefined,
    suppressed: pick("suppressed") === "1" ? true : undefined,
    escalated: pick("escalated") === "1" ? true : undefined,
    overdue: pick("overdue") === "1" ? true : undefined,
    q: pick("q") || undefined,
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    const one = queueFilterSchema.shape[k as keyof typeof queueFilterSchema.shape].safeParse(v);
    if (one.success) out[k] = one.data;
  }
  return out as QueueFilterInput;
}

export function filtersToSearch(f: QueueFilterInput): string {
  const p = new URLSearchParams();
  if (f.status) p.set("status", f.status);
  if (f.type) p.set("type", f.type);
  if (f.severity) p.set("severity", f.severity);
  if (f.clientId) p.set("client", f.clientId);
  if (f.siteId) p.set("site", f.siteId);
  if (f.groupId) p.set("group", f.groupId);
  if (f.mine) p.set("mine", "1");
  if (f.suppressed) p.set("suppressed", "1");
  if (f.escalated) p.set("escalated", "1");
  if (f.overdue) p.set("overdue", "1");
  if (f.q) p.set("q", f.q);
  const s = p.toString();
  return s ? `?${s}` : "";
}
