import "server-only";
import { eq } from "drizzle-orm";
import { KIND_PROFILES } from "@/lib/devices";
import { schema } from "@/server/db";
import { planDemoDevices, type PlannedDevice } from "./demo-plan";
import type { JobCtx } from "../_core/system";
import { ingestTelemetry } from "./ingest";

const { devices, sites } = schema;
const H = 3_600_000;

/**
 * The demo simulator's telemetry (npm run dev): each demo device whose heartbeat is due
 * reports again, carrying on its story from its last reading (a draining battery keeps
 * draining, the overheating panel warms up, the flaky site's gateway stays down), posted
 * per site through the ingestion service as that site's gateway would. The fleet page moves.
 */
export async function simulateTelemetryTick(ctx: JobCtx, now: Date) {
  const { tenantId } = ctx;
  const rows = await ctx.db
    .select({
      id: devices.id,
      kind: devices.kind,
      serial: devices.serial,
      siteId: devices.siteId,
      siteName: sites.name,
      lastSeenAt: devices.lastSeenAt,
      battery: devices.lastBattery,
      signal: devices.lastSignal,
      temperature: devices.lastTemperature,
    })
    .from(devices)
    .innerJoin(sites, eq(sites.id, devices.siteId))
    .where(eq(devices.tenantId, tenantId));
  const plan = new Map(
    planDemoDevices("NW", [...new Set(rows.map((r) => r.siteName))]).map((p) => [p.serial, p]),
  );
  const bySite = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    const p = plan.get(r.serial);
    if (!p) continue; // only the demo fleet moves (not the benchmark's 20,000)
    const hb = KIND_PROFILES[r.kind].heartbeatMinutes * 60_000;
    const since = r.lastSeenAt ? now.getTime() - r.lastSeenAt.getTime() : Infinity;
    if (since < hb) continue;
    const reading = nextReading(p, r, Math.min(since, H) / H, now);
    if (!reading) continue;
    bySite.set(r.siteId, [...(bySite.get(r.siteId) ?? []), { deviceId: r.id, ...reading }]);
  }
  let accepted = 0;
  for (const [siteId, readings] of bySite) {
    const r = await ingestTelemetry(
      ctx,
      {
        key: {
          kind: "site_gateway",
          tenantId,
          keyId: `simulator:${siteId}`,
          label: "demo simulator",
          deviceId: null,
          siteId,
        },
        readings,
      },
      now,
    );
    accepted += r.accepted;
  }
  return { accepted };
}

const jitter = (amplitude: number) => (Math.random() * 2 - 1) * amplitude;
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
const unitOf = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 997, 7) / 997;

/** A device's next reading, `hours` after its last one; null while it is silent. */
function nextReading(
  p: PlannedDevice,
  last: { battery: number | null; signal: number | null; temperature: number | null },
  hours: number,
  now: Date,
) {
  // the flaky site's gateway is down for most of its devices, and drops readings for the rest
  if (p.flakySite && (unitOf(p.serial) < 0.8 || Math.random() < 0.15)) return null;
  if (p.profile === "weak" && Math.random() < 0.3) return null;
  const hasBattery = KIND_PROFILES[p.kind].battery;
  const drain =
    {
      drain: 0.35,
      drain_fast: 1,
      decline: 0.18,
      normal: 0.02,
      hot: 0.02,
      weak: 0.02,
      repeat: 0.02,
    }[p.profile] * hours;
  const battery = hasBattery
    ? clamp((last.battery ?? p.battery) - drain + jitter(0.05), 0, 100)
    : null;
  const signal =
    p.profile === "weak"
      ? clamp((last.signal ?? -95) - 0.1 * hours + jitter(12), -130, -40)
      : p.profile === "decline"
        ? clamp((last.signal ?? -90) - 0.2 * hours + jitter(1.5), -130, -40)
        : clamp(p.signal + jitter(2), -130, -40);
  const daily = 2 * Math.sin((2 * Math.PI * now.getUTCHours()) / 24);
  const temperature =
    p.profile === "hot"
      ? clamp((last.temperature ?? p.temperature) + 0.5 * hours + jitter(1), -40, 62)
      : p.temperature + daily + jitter(0.5);
  return {
    ts: now.toISOString(),
    battery: battery === null ? null : Math.round(battery * 10) / 10,
    signal: Math.round(signal),
    temperature: Math.round(temperature * 10) / 10,
    online: true,
  };
}
