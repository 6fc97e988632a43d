import "server-only";
import { DEVICE_RULES } from "@/lib/devices";

/** A site's devices as the run sees them: online or not, and since when offline. */
export type SiteDevices = {
  total: number;
  /** when each offline device went offline (epoch ms) */
  offlineSince: number[];
};

/**
 * The most devices of a site that went offline within `withinMinutes` of each other: a
 * window slid over the sorted times.
 */
export function largestTogether(offlineSince: number[], withinMinutes: number): number {
  const times = [...offlineSince].sort((a, b) => a - b);
  const span = withinMinutes * 60_000;
  let best = 0;
  for (let lo = 0, hi = 0; hi < times.length; hi++) {
    while ((times[hi] ?? 0) - (times[lo] ?? 0) > span) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/**
 * Site-level root cause (devices.md): most of a site's devices offline, having gone together
 * (a gateway, the power, the uplink), is one site alert rather than one per device. An open
 * site alert stays until fewer than `siteOutageClearShare` of the devices are offline.
 */
export function siteOutage(site: SiteDevices, alertOpen: boolean): boolean {
  if (site.total === 0) return false;
  const offline = site.offlineSince.length;
  if (alertOpen) return offline / site.total >= DEVICE_RULES.siteOutageClearShare;
  const together = largestTogether(site.offlineSince, DEVICE_RULES.siteOutageWithinMinutes);
  return (
    together >= DEVICE_RULES.siteOutageMinDevices &&
    together / site.total >= DEVICE_RULES.siteOutageShare
  );
}
