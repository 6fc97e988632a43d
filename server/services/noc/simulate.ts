import "server-only";
import { and, eq, lt, ne, notInArray, or, sql } from "drizzle-orm";
import { ALERT_TYPES, TYPICAL_SEVERITIES } from "@/lib/noc";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { createAlert } from "./create-alert";
import { resolveAlerts } from "./actions";
import {
  alertsToClear,
  CLEAR_AFTER_MS,
  DEMO_OPEN_TARGET,
  LIFE_SAFETY_CLOSED_AFTER_MS,
} from "./simulate-pace";

/**
 * One tick of the demo simulator: a new alert somewhere in the tenant (now and then a repeat
 * of an open one), and old open alerts clearing as a worked floor clears them (never a fire
 * alarm or panic: people close those).
 */
export async function simulateAlertTick(
  ctx: ServiceCtx,
  now: Date,
  random: () => number = Math.random,
): Promise<string> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const sites = await ctx.db
    .select({ id: schema.sites.id, name: schema.sites.name })
    .from(schema.sites)
    .where(eq(schema.sites.tenantId, ctx.tenantId));
  const site = pick(sites);
  if (!site) return "no sites";
  // rarer life-safety alarms, more device and shift noise, as a real queue has
  const type =
    random() < 0.05
      ? pick(["FIRE_ALARM", "PANIC"] as const)
      : pick(ALERT_TYPES.filter((t) => t !== "FIRE_ALARM" && t !== "PANIC"));
  const repeat = random() < 0.2;
  const { created } = await createAlert(
    ctx,
    {
      siteId: site.id,
      type,
      severity: pick(TYPICAL_SEVERITIES[type]),
      title: `${type
        .replaceAll("_", " ")
        .toLowerCase()
        .replace(/^./, (c) => c.toUpperCase())} at ${site.name}`,
      description: "Raised by the demo simulator.",
      fingerprint: repeat ? `sim:${type}:${site.id}` : `sim:${type}:${site.id}:${now.getTime()}`,
      source: "system",
    },
    now,
  );
  const [{ open } = { open: 0 }] = await ctx.db
    .select({ open: sql<number>`count(*)::int` })
    .from(schema.alerts)
    .where(and(eq(schema.alerts.tenantId, ctx.tenantId), ne(schema.alerts.status, "resolved")));
  const clear = alertsToClear(open, DEMO_OPEN_TARGET, random());
  const old =
    clear === 0
      ? []
      : await ctx.db
          .select({ id: schema.alerts.id, type: schema.alerts.type })
          .from(schema.alerts)
          .where(
            and(
              eq(schema.alerts.tenantId, ctx.tenantId),
              ne(schema.alerts.status, "resolved"),
              or(
                and(
                  notInArray(schema.alerts.type, ["FIRE_ALARM", "PANIC"]),
                  lt(schema.alerts.firstSeenAt, new Date(now.getTime() - CLEAR_AFTER_MS)),
                ),
                lt(
                  schema.alerts.firstSeenAt,
                  new Date(now.getTime() - LIFE_SAFETY_CLOSED_AFTER_MS),
                ),
              ),
            ),
          )
          .orderBy(schema.alerts.firstSeenAt)
          .limit(clear);
  const lifeSafety = (t: string) => t === "FIRE_ALARM" || t === "PANIC";
  const selfCleared = old.filter((o) => !lifeSafety(o.type)).map((o) => o.id);
  const closed = old.filter((o) => lifeSafety(o.type)).map((o) => o.id);
  if (selfCleared.length)
    await resolveAlerts(
      ctx,
      { ids: selfCleared, resolution: "auto", note: "Cleared by itself (demo simulator)" },
      now,
    );
  if (closed.length)
    await resolveAlerts(
      ctx,
      { ids: closed, resolution: "manual", note: "Closed on the floor (demo simulator)" },
      now,
    );
  const cleared = old.length ? `, cleared ${old.length}` : "";
  return `${created ? "new" : "repeat"} ${type} at ${site.name}${cleared}`;
}
