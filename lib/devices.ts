import type { WorkOrderCategory } from "./work-orders";

/** IoT device vocabulary shared by the browser and the server (devices.md). */
export const DEVICE_KINDS = [
  "camera",
  "access_panel",
  "sensor",
  "guard_tablet",
  "panic_button",
  "fire_panel",
] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export type KindProfile = {
  label: string;
  /** mains-powered kinds report no battery: the health score re-weights the other three */
  battery: boolean;
  /** how often a healthy device reports: the uptime component counts hours against it */
  heartbeatMinutes: number;
  /** no reading for this long and the scoring run marks the device offline */
  offlineAfterMinutes: number;
  /** the operating range (°C); readings outside it count against the temperature component */
  tempRange: readonly [number, number];
  /** the trade a work order for this kind goes to */
  workOrderCategory: WorkOrderCategory;
};

export const KIND_PROFILES: Record<DeviceKind, KindProfile> = {
  camera: {
    label: "Camera",
    battery: false,
    heartbeatMinutes: 5,
    offlineAfterMinutes: 15,
    tempRange: [-20, 55],
    workOrderCategory: "cctv",
  },
  access_panel: {
    label: "Access panel",
    battery: false,
    heartbeatMinutes: 5,
    offlineAfterMinutes: 15,
    tempRange: [0, 50],
    workOrderCategory: "access_control",
  },
  sensor: {
    label: "Sensor",
    battery: true,
    heartbeatMinutes: 10,
    offlineAfterMinutes: 30,
    tempRange: [-20, 60],
    workOrderCategory: "electrical",
  },
  guard_tablet: {
    label: "Guard tablet",
    battery: true,
    heartbeatMinutes: 10,
    offlineAfterMinutes: 30,
    tempRange: [0, 45],
    workOrderCategory: "general",
  },
  panic_button: {
    label: "Panic button",
    battery: true,
    heartbeatMinutes: 10,
    offlineAfterMinutes: 30,
    tempRange: [-10, 50],
    workOrderCategory: "access_control",
  },
  fire_panel: {
    label: "Fire panel",
    battery: false,
    heartbeatMinutes: 5,
    offlineAfterMinutes: 15,
    tempRange: [0, 45],
    workOrderCategory: "fire_safety",
  },
};

export const FAILURE_TYPES = ["battery", "connectivity", "device"] as const;
export type FailureType = (typeof FAILURE_TYPES)[number];

export const FAILURE_TYPE_LABELS: Record<FailureType, string> = {
  battery: "Battery",
  connectivity: "Connectivity",
  device: "Hardware",
};

/** What to do about each predicted failure (devices.md, "Failure prediction"). */
export const RECOMMENDATIONS: Record<FailureType, string> = {
  battery: "Replace or charge the battery",
  connectivity: "Check the antenna, reposition the device or check the site gateway",
  device: "Inspect the hardware and replace it if faulty",
};

export const SCORE_COMPONENTS = ["battery", "signal", "uptime", "temperature"] as const;
export type ScoreComponent = (typeof SCORE_COMPONENTS)[number];

/** The health score's weights (devices.md); mains-powered kinds share battery's out. */
export const COMPONENT_WEIGHTS: Record<ScoreComponent, number> = {
  battery: 0.4,
  signal: 0.3,
  uptime: 0.2,
  temperature: 0.1,
};

/** Each component 0–100, or null when the device has nothing to say about it. */
export type HealthComponents = Record<ScoreComponent, number | null>;

export const DEVICE_RULES = {
  /** a prediction at or above this raises a DEVICE_FAILURE alert */
  alertAt: 0.6,
  /** and its alert is resolved once the device is online and the type's chance falls under this */
  resolveBelow: 0.4,
  /** "at risk" on the fleet page: a prediction this high, or a score under atRiskScore */
  atRiskScore: 50,
  /** site-level root cause: at least this share of a site's devices offline … */
  siteOutageShare: 0.6,
  /** … and at least this many of them … */
  siteOutageMinDevices: 3,
  /** … having gone offline within this many minutes of each other */
  siteOutageWithinMinutes: 30,
  /** a site alert clears once fewer than this share are offline */
  siteOutageClearShare: 0.3,
  /** gold: listed for replacement after this many days of decline, or this many failures in 30 */
  replaceAfterDecliningDays: 7,
  replaceAfterFailures: 3,
  /** raw readings are kept this long; hourly rollups much longer */
  rawRetentionDays: 30,
  rollupRetentionDays: 400,
  scoreRetentionDays: 90,
  /** a batch of readings holds at most this many */
  maxBatch: 5_000,
  /** readings may be stamped this far ahead of the server's clock */
  futureToleranceMinutes: 5,
} as const;

/** The work order a recommendation turns into: the trade from the kind, the title from the type. */
export function workOrderTitle(type: FailureType, device: { name: string; serial: string }) {
  return `${RECOMMENDATIONS[type]}: ${device.name} (${device.serial})`.slice(0, 200);
}

export const FAILURE_FINGERPRINT = "device-failure:";
export const OFFLINE_FINGERPRINT = "device-offline:";
export const SITE_OFFLINE_FINGERPRINT = "site-offline:";

export const failureFingerprint = (deviceId: string, type: FailureType) =>
  `${FAILURE_FINGERPRINT}${deviceId}:${type}`;
export const offlineFingerprint = (deviceId: string) => `${OFFLINE_FINGERPRINT}${deviceId}`;
export const siteOfflineFingerprint = (siteId: string) => `${SITE_OFFLINE_FINGERPRINT}${siteId}`;
