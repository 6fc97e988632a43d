import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { DEFAULT_SLA_TARGETS, type SlaCalendarKind, type TicketPriority } from "@/lib/sla";
import { schema, type DbOrTx } from "@/server/db";
import type { SlaCalendar } from "./calendar";

const { slaPolicies, clientHolidays } = schema;

/** A policy as the clock uses it; `id` is null for the built-in defaults. */
export type EffectivePolicy = {
  id: string | null;
  clientId: string | null;
  priority: TicketPriority;
  responseMinutes: number;
  resolutionMinutes: number;
  calendar: SlaCalendarKind;
  businessDays: number[];
  opensAt: string;
  closesAt: string;
};

export const builtInPolicy = (priority: TicketPriority): EffectivePolicy => ({
  id: null,
  clientId: null,
  priority,
  ...DEFAULT_SLA_TARGETS[priority],
  businessDays: [1, 2, 3, 4, 5],
  opensAt: "08:00",
  closesAt: "18:00",
});

/**
 * Every policy of the tenant resolved for lookup: the client's own row for a priority, else
 * the tenant's default row, else the built-in default.
 */
export async function loadPolicies(db: DbOrTx, tenantId: string) {
  const rows = await db.select().from(slaPolicies).where(eq(slaPolicies.tenantId, tenantId));
  const byKey = new Map(rows.map((r) => [`${r.clientId ?? "*"}:${r.priority}`, r]));
  return (clientId: string, priority: TicketPriority): EffectivePolicy => {
    const r = byKey.get(`${clientId}:${priority}`) ?? byKey.get(`*:${priority}`);
    return r
      ? {
          id: r.id,
          clientId: r.clientId,
          priority,
          responseMinutes: r.responseMinutes,
          resolutionMinutes: r.resolutionMinutes,
          calendar: r.calendar,
          businessDays: r.businessDays,
          opensAt: r.opensAt,
          closesAt: r.closesAt,
        }
      : builtInPolicy(priority);
  };
}

/** Holidays per client (local dates), for the clients given. */
export async function loadHolidays(
  db: DbOrTx,
  tenantId: string,
  clientIds: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!clientIds.length) return out;
  const rows = await db
    .select({ clientId: clientHolidays.clientId, day: clientHolidays.day })
    .from(clientHolidays)
    .where(and(eq(clientHolidays.tenantId, tenantId), inArray(clientHolidays.clientId, clientIds)));
  for (const r of rows) out.set(r.clientId, [...(out.get(r.clientId) ?? []), r.day]);
  return out;
}

/** The calendar a policy runs on at a site: round the clock, or business hours in its zone. */
export function calendarFor(
  policy: EffectivePolicy,
  timeZone: string,
  holidays: string[],
): SlaCalendar {
  if (policy.calendar === "24x7") return { kind: "24x7" };
  return {
    kind: "business",
    timeZone,
    days: policy.businessDays,
    open: policy.opensAt,
    close: policy.closesAt,
    holidays,
  };
}
