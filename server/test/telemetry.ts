import { jobContext } from "@/server/services/_core/system";
import { ingestTelemetry } from "@/server/services/devices/ingest";

type Device = { id: string; siteId: string };
type Values = {
  battery?: number | null;
  signal?: number | null;
  temperature?: number | null;
  online?: boolean;
  reboots?: number | null;
};

/**
 * Posts a device's readings through the ingestion service as its own key would: every
 * `stepMin` minutes from `from` to `to` (exclusive), values from `at(i, ts)`. `now` is the
 * server's clock for validation (readings must not be ahead of it).
 */
export async function sendReadings(
  tenantId: string,
  device: Device,
  opts: { from: Date; to: Date; stepMin?: number; now: Date; at: (i: number, ts: Date) => Values },
) {
  const step = (opts.stepMin ?? 5) * 60_000;
  const readings: Record<string, unknown>[] = [];
  for (let t = opts.from.getTime(), i = 0; t < opts.to.getTime(); t += step, i++) {
    const ts = new Date(t);
    readings.push({ ts: ts.toISOString(), ...opts.at(i, ts) });
  }
  const key = {
    kind: "device" as const,
    tenantId,
    keyId: device.id,
    label: "test",
    deviceId: device.id,
    siteId: device.siteId,
  };
  let inserted = 0;
  for (let i = 0; i < readings.length; i += 5_000) {
    const r = await ingestTelemetry(
      jobContext(tenantId, "test"),
      { key, readings: readings.slice(i, i + 5_000) },
      opts.now,
    );
    if (r.rejected.length) throw new Error(`readings rejected: ${JSON.stringify(r.rejected[0])}`);
    inserted += r.inserted;
  }
  return inserted;
}
