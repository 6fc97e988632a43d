import "server-only";
import type { DeviceKind } from "@/lib/devices";

/**
 * The demo fleet, as a pure plan: the seed writes it and the simulator (which keeps the
 * fleet page moving) rebuilds it from the site names to know each device's story.
 */
export type DemoProfile =
  | "normal"
  /** battery draining towards empty over the week (alerts at under 15 % and draining) */
  | "drain"
  /** draining 1 %/h, nearly flat: projected under 5 % within the hour */
  | "drain_fast"
  /** an access panel overheating for two days, rebooting more and more */
  | "hot"
  /** a camera or sensor losing its signal, with growing heartbeat gaps */
  | "weak"
  /** a sensor whose health slid every day of the week (gold: listed for replacement) */
  | "decline"
  /** three failures in the last month (gold: listed for replacement) */
  | "repeat";

export type PlannedDevice = {
  siteName: string;
  kind: DeviceKind;
  name: string;
  model: string;
  serial: string;
  profile: DemoProfile;
  /** a flaky gateway: readings go missing, and most devices went quiet together 40 min ago */
  flakySite: boolean;
  /** the device's everyday battery, signal and temperature */
  battery: number;
  signal: number;
  temperature: number;
};

const PER_SITE: [DeviceKind, string, string[], string[]][] = [
  ["camera", "CM", ["Main gate", "Loading dock", "Car park", "Lobby"], ["Axis P3265-LVE"]],
  ["access_panel", "AP", ["Front door", "Server room", "Staff entrance"], ["HID VertX V1000"]],
  [
    "sensor",
    "SN",
    ["Door contact, fire exit", "Motion, warehouse", "Leak, plant room", "Glass break, lobby"],
    ["Ajax DoorProtect", "Ajax MotionProtect", "Ajax LeaksProtect", "Ajax GlassProtect"],
  ],
  ["guard_tablet", "GT", ["Patrol A", "Patrol B"], ["Galaxy Tab Active5"]],
  ["panic_button", "PB", ["Reception", "Security office", "Loading bay"], ["Ajax Button"]],
  ["fire_panel", "FP", ["Main panel"], ["Notifier NFS2-3030"]],
];

const LABEL: Record<DeviceKind, string> = {
  camera: "Camera",
  access_panel: "Access panel",
  sensor: "Sensor",
  guard_tablet: "Guard tablet",
  panic_button: "Panic button",
  fire_panel: "Fire panel",
};

const TEMPERATURE: Record<DeviceKind, number> = {
  camera: 28,
  access_panel: 31,
  sensor: 21,
  guard_tablet: 27,
  panic_button: 22,
  fire_panel: 26,
};

/** Northwind's stories: site, kind and number → profile. */
const STORIES: [string, DeviceKind, number, DemoProfile][] = [
  ["Acme Chicago Hub", "panic_button", 1, "drain"],
  ["Acme Chicago Hub", "sensor", 2, "decline"],
  ["Summit Phoenix DC2", "sensor", 2, "drain"],
  ["Summit Phoenix DC2", "access_panel", 1, "hot"],
  ["Summit Ashburn DC1", "panic_button", 1, "drain_fast"],
  ["Summit London DC3", "camera", 2, "repeat"],
  ["Harbor General Hospital", "panic_button", 2, "drain"],
  ["Harbor Eastside Clinic", "sensor", 3, "weak"],
  ["Acme Newark Port", "camera", 3, "weak"],
  ["Lakeside High School", "guard_tablet", 1, "drain"],
  ["Meridian Mall Atlanta", "sensor", 1, "drain"],
];
export const FLAKY_SITE = "Acme Dallas Cross-Dock";

/** A stable number in [0, 1) from a string (the plan's only randomness). */
function unit(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return ((h >>> 0) % 100_000) / 100_000;
}

/** The fleet of a tenant's sites, in site-name order; `small` for the second demo tenant. */
export function planDemoDevices(code: string, siteNames: string[], small = false): PlannedDevice[] {
  const out: PlannedDevice[] = [];
  [...siteNames].sort().forEach((siteName, s) => {
    for (const [kind, short, places, models] of PER_SITE) {
      const count = small ? Math.min(2, places.length) : places.length;
      for (let n = 1; n <= count; n++) {
        const serial = `${code}-${String(s + 1).padStart(2, "0")}-${short}${n}`;
        const story = STORIES.find(([site, k, i]) => site === siteName && k === kind && i === n);
        out.push({
          siteName,
          kind,
          name: `${LABEL[kind]} · ${places[n - 1] ?? n}`,
          model: models[(n - 1) % models.length] ?? "",
          serial,
          profile: story?.[3] ?? "normal",
          flakySite: siteName === FLAKY_SITE,
          battery: Math.round(62 + unit(`${serial}:b`) * 36),
          signal: Math.round(-76 + unit(`${serial}:s`) * 20),
          temperature: TEMPERATURE[kind] + Math.round(unit(`${serial}:t`) * 4 - 2),
        });
      }
    }
  });
  return out;
}
