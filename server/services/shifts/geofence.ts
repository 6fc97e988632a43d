import "server-only";
import type { LocationVerdict } from "@/lib/shifts";

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine); `distanceSql` computes the same in SQL. */
export function distanceM(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The haversine above as SQL over latitude/longitude expressions (the site matcher). */
export const HAVERSINE_SQL = (lat1: string, lon1: string, lat2: string, lon2: string) =>
  `(2 * ${EARTH_RADIUS_M} * asin(least(1, sqrt(power(sin(radians(${lat2} - ${lat1}) / 2), 2) + cos(radians(${lat1})) * cos(radians(${lat2})) * power(sin(radians(${lon2} - ${lon1}) / 2), 2)))))`;

export type Fix = { latitude: number; longitude: number; accuracyM: number };
export type Fence = { latitude: number; longitude: number; radiusM: number };

/**
 * A fix against a geofence, its accuracy taken as a circle around the reported point: inside
 * when the whole circle is inside the fence, `uncertain` when the circle straddles its edge
 * (the guard may be on either side), `wrong_site` when the whole circle is outside.
 */
export function fenceVerdict(
  fix: Fix | null,
  fence: Fence,
): { verdict: LocationVerdict; distanceM: number | null } {
  if (!fix) return { verdict: "no_fix", distanceM: null };
  const d = distanceM(fix, fence);
  const verdict: LocationVerdict =
    d + fix.accuracyM <= fence.radiusM
      ? "on_site"
      : d - fix.accuracyM > fence.radiusM
        ? "wrong_site"
        : "uncertain";
  return { verdict, distanceM: Math.round(d) };
}
