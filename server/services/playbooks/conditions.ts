import "server-only";
import { and, eq } from "drizzle-orm";
import type { WaitCondition } from "@/lib/schemas/playbooks";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import type { AlertFacts } from "./alert-facts";

const { devices, tickets } = schema;

/** One look at a wait's condition: whether it holds, and what was seen (kept as the signal). */
export type ConditionReading = { met: boolean; summary: string; value: unknown };

export async function readCondition(
  ctx: ServiceCtx,
  c: WaitCondition,
  a: AlertFacts,
  ticketId: string | null,
  now: Date,
): Promise<ConditionReading> {
  switch (c.kind) {
    case "device_online":
    case "telemetry_in_range": {
      if (!a.deviceId) return { met: false, summary: "the alert has no device", value: null };
      const [d] = await ctx.db
        .select({
          name: devices.name,
          online: devices.online,
          lastSeenAt: devices.lastSeenAt,
          battery: devices.lastBattery,
          signal: devices.lastSignal,
          temperature: devices.lastTemperature,
        })
        .from(devices)
        .where(and(eq(devices.id, a.deviceId), eq(devices.tenantId, ctx.tenantId)));
      if (!d) return { met: false, summary: "the device is gone", value: null };
      if (c.kind === "device_online")
        return {
          met: d.online,
          summary: `${d.name} ${d.online ? "back online" : "still offline"} at ${now.toISOString()}`,
          value: { online: d.online, lastSeenAt: d.lastSeenAt },
        };
      const v = d[c.metric];
      const met = v !== null && v >= c.min && v <= c.max;
      return {
        met,
        summary: `${d.name} ${c.metric} ${v ?? "unknown"} (${met ? "within" : "outside"} ${c.min}–${c.max})`,
        value: { [c.metric]: v },
      };
    }
    case "alert_acknowledged": {
      const met = a.acknowledgedAt !== null || a.status === "resolved";
      return {
        met,
        summary: met ? "the alert was acknowledged" : "not acknowledged yet",
        value: { acknowledgedAt: a.acknowledgedAt },
      };
    }
    case "ticket_resolved": {
      if (!ticketId)
        return { met: false, summary: "this run opened no ticket to wait for", value: null };
      const [t] = await ctx.db
        .select({ number: tickets.number, status: tickets.status })
        .from(tickets)
        .where(and(eq(tickets.id, ticketId), eq(tickets.tenantId, ctx.tenantId)));
      const met = t?.status === "resolved" || t?.status === "closed";
      return {
        met,
        summary: t ? `ticket #${t.number} ${t.status}` : "the ticket is gone",
        value: t ?? null,
      };
    }
  }
}
