"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime } from "@/lib/format";

const fmt = (iso: string, timeZone?: string) =>
  formatDateTime(new Date(iso), { timeZone, weekday: true, zone: true });
const never = () => () => {};

/**
 * A time in the site's zone (where the technician works), the same on the server and the
 * phone; without one, the phone's own zone (the server's render before hydration says UTC).
 */
export function LocalTime({ iso, timeZone }: { iso: string; timeZone?: string | undefined }) {
  const text = useSyncExternalStore(
    never,
    () => fmt(iso, timeZone),
    () => fmt(iso, timeZone ?? "UTC"),
  );
  return <time dateTime={iso}>{text}</time>;
}
