import "server-only";
import { sql } from "drizzle-orm";
import {
  DEVICE_RULES,
  FAILURE_FINGERPRINT,
  FAILURE_TYPE_LABELS,
  FAILURE_TYPES,
  KIND_PROFILES,
  OFFLINE_FINGERPRINT,
  SITE_OFFLINE_FINGERPRINT,
  failureFingerprint,
  offlineFingerprint,
  siteOfflineFingerprint,
  type DeviceKind,
  type FailureType,
} from "@/lib/devices";
import type { Severity } from "@/lib/noc";
import { rawRows } from "@/server/db/raw";
import type { DevicePrediction } from "@/server/db/schema";
import type { ServiceCtx } from "../_core/context";
import {
  raiseSystemAlerts,
  resolveAlertsByFingerprint,
  type SystemAlert,
} from "../noc/system-alerts";
import { siteOutage } from "./site-outage";

/** A device as alert reconciliation needs it, after the run's evaluation. */
export type AlertView = {
  id: string;
  name: string;
  kind: DeviceKind;
  siteId: string;
  clientId: string;
  online: boolean;
  /** epoch ms */
  lastSeenMs: number | null;
  offlineSinceMs: number | null;
  prediction: DevicePrediction;
};

type Site = { id: string; name: string };

const LIFE_SAFETY_KINDS: readonly DeviceKind[] = ["panic_button", "fire_panel"];

export function failureSeverity(p: number, kind: DeviceKind): Severity {
  const lifeSafety = LIFE_SAFETY_KINDS.includes(kind);
  if (p >= 0.9) return lifeSafety ? "critical" : "high";
  return lifeSafety ? "high" : "medium";
}

const pct = (p: number) => `${Math.round(p * 100)} %`;
const when = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC";

/**
 * What the alerts should be after a run, from what is open now: DEVICE_FAILURE per device
 * and type at ≥ 0.6 (raised again only when its severity moves), resolved once the device is
 * online and that type's chance is under 0.4; DEVICE_OFFLINE per offline device, or one per
 * site when most of its devices went offline together (the device alerts it covers resolved);
 * each resolved when its devices are back. Pure: the service reads and writes.
 */
export function planDeviceAlerts(
  devices: AlertView[],
  sites: Map<string, Site>,
  open: Map<string, Severity>,
): { raise: SystemAlert[]; resolve: { fingerprint: string; note: string }[] } {
  const raise: SystemAlert[] = [];
  const resolve: { fingerprint: string; note: string }[] = [];
  const byId = new Map(devices.map((d) => [d.id, d]));

  for (const d of devices) {
    const { probability: p, type } = d.prediction;
    if (!d.online || p < DEVICE_RULES.alertAt) continue;
    const fingerprint = failureFingerprint(d.id, type);
    const severity = failureSeverity(p, d.kind);
    if (open.get(fingerprint) === severity) continue;
    raise.push({
      siteId: d.siteId,
      clientId: d.clientId,
      deviceId: d.id,
      type: "DEVICE_FAILURE",
      severity,
      title: `${FAILURE_TYPE_LABELS[type]} failure likely within the hour: ${d.name} (${pct(p)})`,
      description: `${d.prediction.explanation.map((e) => e.label).join("; ")}. Recommended: ${d.prediction.recommendation}.`,
      fingerprint,
      source: "device",
    });
  }

  const bySite = new Map<string, AlertView[]>();
  for (const d of devices) {
    // a device that never reported has not gone offline: it is not installed yet
    if (d.lastSeenMs === null) continue;
    bySite.set(d.siteId, [...(bySite.get(d.siteId) ?? []), d]);
  }
  const inOutage = new Set<string>();
  for (const [siteId, list] of bySite) {
    const offline = list.filter((d) => !d.online);
    const fingerprint = siteOfflineFingerprint(siteId);
    const outage = siteOutage(
      {
        total: list.length,
        offlineSince: offline.map((d) => d.offlineSinceMs ?? d.lastSeenMs ?? 0),
      },
      open.has(fingerprint),
    );
    const first = list[0];
    if (!outage || !first) {
      if (open.has(fingerprint))
        resolve.push({ fingerprint, note: "Fewer than 30 % of the site's devices are offline" });
      continue;
    }
    inOutage.add(siteId);
    if (!open.has(fingerprint)) {
      const since = offline.map((d) => d.offlineSinceMs ?? d.lastSeenMs ?? 0).sort((a, b) => a - b);
      const site = sites.get(siteId);
      raise.push({
        siteId,
        clientId: first.clientId,
        type: "DEVICE_OFFLINE",
        severity: offline.some((d) => LIFE_SAFETY_KINDS.includes(d.kind)) ? "critical" : "high",
        title: `${offline.length} of ${list.length} devices offline at ${site?.name ?? "a site"}`,
        description: `They went offline together from ${when(since[0] ?? 0)}: likely the site's gateway, power or uplink rather than the devices. Offline: ${offline
          .slice(0, 10)
          .map((d) => d.name)
          .join(", ")}${offline.length > 10 ? ` and ${offline.length - 10} more` : ""}.`,
        fingerprint,
        source: "device",
      });
    }
  }

  for (const d of devices) {
    const fingerprint = offlineFingerprint(d.id);
    if (d.online || d.lastSeenMs === null) {
      if (open.has(fingerprint)) resolve.push({ fingerprint, note: "Back online" });
      continue;
    }
    if (inOutage.has(d.siteId)) {
      if (open.has(fingerprint))
        resolve.push({ fingerprint, note: "Covered by the site-level offline alert" });
      continue;
    }
    if (open.has(fingerprint)) continue;
    raise.push({
      siteId: d.siteId,
      clientId: d.clientId,
      deviceId: d.id,
      type: "DEVICE_OFFLINE",
      severity: LIFE_SAFETY_KINDS.includes(d.kind) ? "high" : "medium",
      title: `Offline: ${d.name}`,
      description: `No heartbeat since ${when(d.lastSeenMs)} (a ${KIND_PROFILES[d.kind].label.toLowerCase()} is offline after ${KIND_PROFILES[d.kind].offlineAfterMinutes} minutes).`,
      fingerprint,
      source: "device",
    });
  }

  for (const fingerprint of open.keys()) {
    if (fingerprint.startsWith(FAILURE_FINGERPRINT)) {
      const [id, type] = fingerprint.slice(FAILURE_FINGERPRINT.length).split(":");
      const d = id ? byId.get(id) : undefined;
      if (!d) {
        resolve.push({ fingerprint, note: "The device is no longer monitored for this client" });
        continue;
      }
      if (!FAILURE_TYPES.includes(type as FailureType)) continue;
      if (d.online && d.prediction.byType[type as FailureType] < DEVICE_RULES.resolveBelow)
        resolve.push({
          fingerprint,
          note: `Recovered: online, and the chance of this failure is under ${pct(DEVICE_RULES.resolveBelow)}`,
        });
    } else if (fingerprint.startsWith(OFFLINE_FINGERPRINT)) {
      if (!byId.has(fingerprint.slice(OFFLINE_FINGERPRINT.length)))
        resolve.push({ fingerprint, note: "The device is no longer monitored for this client" });
    } else if (fingerprint.startsWith(SITE_OFFLINE_FINGERPRINT)) {
      if (!bySite.has(fingerprint.slice(SITE_OFFLINE_FINGERPRINT.length)))
        resolve.push({ fingerprint, note: "No device of the site is monitored any more" });
    }
  }
  return { raise, resolve };
}

/** Reads the open device alerts, applies the plan through the NOC's alert path. */
export async function reconcileDeviceAlerts(
  ctx: ServiceCtx,
  devices: AlertView[],
  now: Date,
): Promise<{ raised: number; resolved: number }> {
  const [openRows, siteRows] = await Promise.all([
    rawRows<{ fingerprint: string; severity: Severity }>(
      ctx.db,
      sql`
      select fingerprint, severity from alerts
      where tenant_id = ${ctx.tenantId} and status <> 'resolved'
        and type in ('DEVICE_FAILURE', 'DEVICE_OFFLINE') and source = 'device'`,
    ),
    rawRows<Site>(ctx.db, sql`select id, name from sites where tenant_id = ${ctx.tenantId}`),
  ]);
  const open = new Map(openRows.map((r) => [r.fingerprint, r.severity]));
  const plan = planDeviceAlerts(devices, new Map(siteRows.map((s) => [s.id, s])), open);
  const raised = await raiseSystemAlerts(ctx, plan.raise, now);
  let resolved = 0;
  const byNote = new Map<string, string[]>();
  for (const r of plan.resolve) byNote.set(r.note, [...(byNote.get(r.note) ?? []), r.fingerprint]);
  for (const [note, fingerprints] of byNote)
    resolved += await resolveAlertsByFingerprint(ctx, fingerprints, note, now);
  return { raised: raised.created, resolved };
}
