import "server-only";
import { and, desc, eq, gte, inArray, ne } from "drizzle-orm";
import { OPEN_TICKET_STATUSES } from "@/lib/sla";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import type { AlertFacts } from "./alert-facts";

const { devices, telemetry, tickets, alerts } = schema;
const LIST = 20;

/**
 * What an operator would look up first: the device's state and its readings over the
 * lookback (when the alert has a device), the site's open tickets and its other recent alerts.
 */
export async function collectDiagnostics(
  ctx: ServiceCtx,
  a: AlertFacts,
  lookbackHours: number,
  now: Date,
) {
  const since = new Date(now.getTime() - lookbackHours * 60 * 60 * 1000);
  const [device, readings, openTickets, recentAlerts] = await Promise.all([
    a.deviceId
      ? ctx.db
          .select({
            id: devices.id,
            name: devices.name,
            kind: devices.kind,
            online: devices.online,
            lastSeenAt: devices.lastSeenAt,
            offlineSince: devices.offlineSince,
            battery: devices.lastBattery,
            signal: devices.lastSignal,
            temperature: devices.lastTemperature,
          })
          .from(devices)
          .where(and(eq(devices.id, a.deviceId), eq(devices.tenantId, ctx.tenantId)))
          .then((r) => r[0] ?? null)
      : null,
    a.deviceId
      ? ctx.db
          .select({
            ts: telemetry.ts,
            online: telemetry.online,
            battery: telemetry.battery,
            signal: telemetry.signal,
            temperature: telemetry.temperature,
          })
          .from(telemetry)
          .where(and(eq(telemetry.deviceId, a.deviceId), gte(telemetry.ts, since)))
          .orderBy(desc(telemetry.ts))
          .limit(LIST)
      : [],
    ctx.db
      .select({
        id: tickets.id,
        number: tickets.number,
        title: tickets.title,
        priority: tickets.priority,
        status: tickets.status,
      })
      .from(tickets)
      .where(
        and(
          eq(tickets.tenantId, ctx.tenantId),
          eq(tickets.siteId, a.siteId),
          inArray(tickets.status, [...OPEN_TICKET_STATUSES]),
        ),
      )
      .orderBy(desc(tickets.createdAt))
      .limit(LIST),
    ctx.db
      .select({
        id: alerts.id,
        type: alerts.type,
        severity: alerts.severity,
        title: alerts.title,
        status: alerts.status,
        firstSeenAt: alerts.firstSeenAt,
      })
      .from(alerts)
      .where(
        and(
          eq(alerts.tenantId, ctx.tenantId),
          eq(alerts.siteId, a.siteId),
          ne(alerts.id, a.id),
          gte(alerts.lastSeenAt, since),
        ),
      )
      .orderBy(desc(alerts.firstSeenAt))
      .limit(LIST),
  ]);
  return {
    lookbackHours,
    device,
    readings,
    openTickets,
    recentAlerts,
    summary: `${device ? `${device.name} ${device.online ? "online" : "offline"}; ` : ""}${openTickets.length} open ticket(s), ${recentAlerts.length} other alert(s) at ${a.siteName}`,
  };
}
