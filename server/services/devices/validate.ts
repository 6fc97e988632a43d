import "server-only";
import { DEVICE_RULES } from "@/lib/devices";

/** A reading that passed validation, as ingestion writes it. */
export type Reading = {
  deviceId: string;
  /** epoch milliseconds */
  ts: number;
  battery: number | null;
  signal: number | null;
  temperature: number | null;
  online: boolean;
  reboots: number | null;
};

export type Rejection = { index: number; field: string; reason: string };

/** The fields a reading may carry, their ranges and units (the API's documentation too). */
export const READING_RANGES = {
  battery: { min: 0, max: 100, unit: "%" },
  signal: { min: -150, max: 0, unit: "dBm" },
  temperature: { min: -60, max: 150, unit: "°C" },
  reboots: { min: 0, max: 2_147_483_647, unit: "" },
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// an ISO 8601 instant with a time zone (Z or ±hh:mm); a local time would be a guess
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

class Bad extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function measurement(raw: Record<string, unknown>, field: keyof typeof READING_RANGES) {
  const v = raw[field];
  if (v === undefined || v === null) return null;
  const r = READING_RANGES[field];
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new Bad(field, `must be a number${r.unit ? ` (${r.unit})` : ""}`);
  if (field === "reboots" && !Number.isInteger(v)) throw new Bad(field, "must be a whole number");
  if (v < r.min || v > r.max)
    throw new Bad(
      field,
      `must be between ${r.min} and ${r.max}${r.unit ? ` ${r.unit}` : ""}, got ${v}`,
    );
  return v;
}

function instant(raw: unknown, now: Date): number {
  let ms: number;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw))
      throw new Bad("ts", "must be an ISO 8601 time or epoch milliseconds");
    ms = raw;
  } else if (typeof raw === "string") {
    if (!ISO_INSTANT.test(raw))
      throw new Bad("ts", "must be an ISO 8601 time with a time zone, e.g. 2026-12-02T14:05:00Z");
    ms = Date.parse(raw);
    if (Number.isNaN(ms)) throw new Bad("ts", `is not a real time: ${raw.slice(0, 40)}`);
  } else if (raw === undefined || raw === null) {
    throw new Bad("ts", "is required (when the reading was taken)");
  } else {
    throw new Bad("ts", "must be an ISO 8601 time or epoch milliseconds");
  }
  const ahead = ms - now.getTime();
  if (ahead > DEVICE_RULES.futureToleranceMinutes * 60_000)
    throw new Bad(
      "ts",
      `is ${Math.round(ahead / 60_000)} minutes in the future (at most ${DEVICE_RULES.futureToleranceMinutes} allowed: check the device's clock)`,
    );
  if (now.getTime() - ms > DEVICE_RULES.rawRetentionDays * 86_400_000)
    throw new Bad("ts", `is older than the ${DEVICE_RULES.rawRetentionDays}-day raw retention`);
  return Math.floor(ms);
}

/**
 * One reading, or the first thing wrong with it (field and reason). `ownDevice` is the
 * device a device key belongs to: its readings may leave deviceId out, and may not name
 * another. A gateway's readings name their device.
 */
export function validateReading(
  raw: unknown,
  now: Date,
  ownDevice: string | null,
  /** device ids already checked in this batch, as written → as kept (a batch names a few) */
  checked?: Map<string, string>,
): Reading | { field: string; reason: string } {
  try {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
      throw new Bad("", 'must be an object like {"ts": …, "battery": …}');
    const r = raw as Record<string, unknown>;
    let deviceId = r.deviceId;
    if (deviceId === undefined || deviceId === null) {
      if (!ownDevice) throw new Bad("deviceId", "is required with a site gateway key");
      deviceId = ownDevice;
    }
    if (typeof deviceId !== "string") throw new Bad("deviceId", "must be a device id (a UUID)");
    const known = checked?.get(deviceId);
    if (known) deviceId = known;
    else {
      if (!UUID.test(deviceId)) throw new Bad("deviceId", "must be a device id (a UUID)");
      const lower = deviceId.toLowerCase();
      checked?.set(deviceId, lower);
      deviceId = lower;
    }
    if (ownDevice && deviceId !== ownDevice)
      throw new Bad("deviceId", "device not found (a device key posts only its own readings)");
    const online = r.online ?? true;
    if (typeof online !== "boolean") throw new Bad("online", "must be true or false");
    return {
      deviceId: deviceId as string,
      ts: instant(r.ts, now),
      battery: measurement(r, "battery"),
      signal: measurement(r, "signal"),
      temperature: measurement(r, "temperature"),
      online,
      reboots: measurement(r, "reboots"),
    };
  } catch (err) {
    if (err instanceof Bad) return { field: err.field, reason: err.reason };
    throw err;
  }
}

/** What a batch's envelope must be; a wrong envelope rejects the whole batch (400 / 413). */
export type BatchProblem = { status: 400 | 413; message: string };

export function batchProblem(body: unknown): BatchProblem | null {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return { status: 400, message: 'Send {"readings": [ … ]}' };
  const readings = (body as { readings?: unknown }).readings;
  if (!Array.isArray(readings))
    return { status: 400, message: 'readings: must be a list of readings, {"readings": [ … ]}' };
  if (readings.length === 0) return { status: 400, message: "readings: send at least one reading" };
  if (readings.length > DEVICE_RULES.maxBatch)
    return {
      status: 413,
      message: `readings: a batch holds at most ${DEVICE_RULES.maxBatch.toLocaleString("en")} readings; this one has ${readings.length.toLocaleString("en")}`,
    };
  return null;
}

/** Splits a batch into the readings to keep and the rejected ones, each with its index. */
export function validateBatch(
  readings: unknown[],
  now: Date,
  ownDevice: string | null,
): { good: Reading[]; rejected: Rejection[] } {
  const good: Reading[] = [];
  const rejected: Rejection[] = [];
  const checked = new Map<string, string>();
  for (let i = 0; i < readings.length; i++) {
    const r = validateReading(readings[i], now, ownDevice, checked);
    if ("reason" in r) rejected.push({ index: i, field: r.field, reason: r.reason });
    else good.push(r);
  }
  return { good, rejected };
}

/** "readings[3].battery: must be between 0 and 100 %, got 140" */
export function describeRejection(r: Rejection): string {
  return `readings[${r.index}]${r.field ? `.${r.field}` : ""}: ${r.reason}`;
}
