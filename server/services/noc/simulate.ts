import "server-only";
import { and, eq, lt, ne, sql } from "drizzle-orm";
import { ALERT_TYPES, TYPICAL_SEVERITIES } from "@/lib/noc";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { createAlert } from "./create-alert";
import { resolveAlerts } from "./actions";

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

/**
 * One tick of the demo simulator: a new alert somewhere in the tenant (now and then a repeat
 * of an open one), and sometimes an old open alert clearing by itself.
 */
export async function simulateAlertTick(ctx: ServiceCtx, now: Date): Promise<string> {
  const sites = await ctx.db
    .select({ id: schema.sites.id, name: schema.sites.name })
    .from(schema.sites)
    .where(eq(schema.sites.tenantId, ctx.tenantId));
  const site = pick(sites);
  if (!site) return "no sites";
  // rarer life-safety alarms, more device and shift noise, as a real queue has
  const type =
    Math.random() < 0.05
      ? pick(["FIRE_ALARM", "PANIC"] as const)
      : pick(ALERT_TYPES.filter((t) => t !== "FIRE_ALARM" && t !== "PANIC"));
  const repeat = Math.random() < 0.2;
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
  let cleared = "";
  if (Math.random() < 0.3) {
    const [old] = await ctx.db
      .select({ id: schema.alerts.id })
      .from(schema.alerts)
      .where(
        and(
          eq(schema.alerts.tenantId, ctx.tenantId),
          ne(schema.alerts.status, "resolved"),
          lt(schema.alerts.firstSeenAt, new Date(now.getTime() - 20 * 60_000)),
          sql`${schema.alerts.type} not in ('FIRE_ALARM', 'PANIC')`,
        ),
      )
      .orderBy(sql`random()`)
      .limit(1);
    if (old) {
      await resolveAlerts(
        ctx,
        {
          ids: [old.id],
          resolution: "auto",
          note: "Cleared by itself (demo simulator)",
        },
        now,
      );
      cleared = ", cleared one";
    }
  }
  return `${created ? "new" : "repeat"} ${type} at ${site.name}${cleared}`;
}
