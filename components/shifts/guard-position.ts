"use client";

import type { NoFixReason } from "./guard-result";

/** A phone's fix as the server takes it: where, and the radius of its accuracy circle. */
export type Fix = { latitude: number; longitude: number; accuracyM: number };

export type PositionOutcome = { fix: Fix; reason: null } | { fix: null; reason: NoFixReason };

/**
 * The browser's current position with its accuracy, or why there is none. Never rejects: a
 * check-in or scan goes ahead without a position (the server keeps an unknown location).
 */
export function currentPosition(timeoutMs = 12_000): Promise<PositionOutcome> {
  if (typeof navigator === "undefined" || !("geolocation" in navigator))
    return Promise.resolve({ fix: null, reason: "unsupported" });
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          fix: {
            latitude: p.coords.latitude,
            longitude: p.coords.longitude,
            accuracyM: Math.max(0, p.coords.accuracy),
          },
          reason: null,
        }),
      (err) =>
        resolve({
          fix: null,
          reason:
            err.code === err.PERMISSION_DENIED
              ? "denied"
              : err.code === err.TIMEOUT
                ? "timeout"
                : "unavailable",
        }),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 30_000 },
    );
  });
}
