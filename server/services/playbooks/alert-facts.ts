import "server-only";
import { and, eq } from "drizzle-orm";
import { formatDateTime } from "@/lib/format";
import { PLAYBOOK_FEATURE, tierIncludes, type Tier } from "@/lib/tiers";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError } from "../_core/errors";
import { appBaseUrl } from "../notifications/channels";
import type { MatchableAlert } from "./match";
import type { TemplateValues } from "./template";

const { alerts, sites, clients, devices } = schema;

export type AlertFacts = MatchableAlert & {
  id: string;
  title: string;
  description: string;
  status: string;
  deviceId: string | null;
  siteName: string;
  clientName: string;
  clientTier: Tier;
  deviceName: string | null;
  timeZone: string;
  firstSeenAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  /** the client's plan includes playbooks */
  gold: boolean;
};

/** One alert of the tenant with what a playbook matches on and writes into its templates. */
export async function alertFacts(ctx: ServiceCtx, alertId: string): Promise<AlertFacts> {
  const [row] = await ctx.db
    .select({
      id: alerts.id,
      type: alerts.type,
      severity: alerts.severity,
      score: alerts.score,
      clientId: alerts.clientId,
      siteId: alerts.siteId,
      title: alerts.title,
      description: alerts.description,
      status: alerts.status,
      deviceId: alerts.deviceId,
      firstSeenAt: alerts.firstSeenAt,
      acknowledgedAt: alerts.acknowledgedAt,
      resolvedAt: alerts.resolvedAt,
      siteName: sites.name,
      timeZone: sites.timeZone,
      clientName: clients.name,
      clientTier: clients.tier,
      deviceName: devices.name,
    })
    .from(alerts)
    .innerJoin(sites, eq(sites.id, alerts.siteId))
    .innerJoin(clients, eq(clients.id, alerts.clientId))
    .leftJoin(devices, eq(devices.id, alerts.deviceId))
    .where(and(eq(alerts.id, alertId), eq(alerts.tenantId, ctx.tenantId)));
  if (!row) throw new NotFoundError("Alert");
  return { ...row, gold: tierIncludes(row.clientTier, PLAYBOOK_FEATURE) };
}

export function templateValues(a: AlertFacts, playbookName: string): TemplateValues {
  return {
    "alert.title": a.title,
    "alert.type": a.type,
    "alert.severity": a.severity,
    "alert.score": a.score === null ? "not scored" : String(a.score),
    "alert.description": a.description,
    "alert.site": a.siteName,
    "alert.client": a.clientName,
    "alert.device": a.deviceName ?? "no device",
    "alert.firstSeenAt": formatDateTime(a.firstSeenAt, a.timeZone),
    "alert.url": `${appBaseUrl()}/noc?alert=${a.id}`,
    "playbook.name": playbookName,
  };
}
