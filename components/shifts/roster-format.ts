import { formatDay } from "@/lib/format";
import { WEEKDAY_LABELS } from "@/lib/shifts";

/** Days of the week (1 = Monday … 7 = Sunday) as a manager reads them: "Mon–Fri", "Sat, Sun". */
export function formatDays(days: readonly number[]): string {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  if (sorted.length === 7) return "Every day";
  if (!sorted.length) return "No days";
  const runs: number[][] = [];
  for (const d of sorted) {
    const last = runs.at(-1);
    if (last && last.at(-1) === d - 1) last.push(d);
    else runs.push([d]);
  }
  const label = (d: number) => WEEKDAY_LABELS[d - 1] ?? String(d);
  return runs
    .map((r) => {
      const [first] = r;
      const end = r.at(-1);
      if (first === undefined || end === undefined) return "";
      if (r.length >= 3) return `${label(first)}–${label(end)}`;
      return r.map(label).join(", ");
    })
    .join(", ");
}

/** Whether a local start and end time ("22:00", "06:00") cross midnight. */
export const crossesMidnight = (start: string, end: string) => end <= start;

/** A shift's local hours: "22:00–06:00". */
export const formatHours = (start: string, end: string) => `${start}–${end}`;

/** How long a shift lasts on an ordinary day, in hours ("8 h", "7.5 h"). */
export function shiftLength(start: string, end: string): string {
  const mins = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  let d = mins(end) - mins(start);
  if (d <= 0) d += 24 * 60;
  const h = Math.round((d / 60) * 10) / 10;
  return `${h} h`;
}

/** A tour's rounds in words: "every 2 h from 20:00 to 06:00". */
export function formatRounds(t: { windowStart: string; windowEnd: string; everyMinutes: number }) {
  const m = t.everyMinutes;
  const every =
    m % 60 === 0 ? `${m / 60} h` : m > 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`;
  return `every ${every} from ${t.windowStart} to ${t.windowEnd}`;
}

/** A date range of an assignment or template: "from 1 Dec 2026", "1 Dec 2026 – 31 Jan 2027". */
export const formatRange = (from: string, to: string | null | undefined) =>
  to
    ? `${formatDay(from, { year: true })} – ${formatDay(to, { year: true })}`
    : `from ${formatDay(from, { year: true })}`;

/** The calendar day at a site at `now`, "2026-12-03" (a form's default first day). */
export function siteToday(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** The ids in a new order: the item at `index` moved one place up (-1) or down (+1). */
export function moved<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  const out = [...items];
  const a = out[index];
  const b = out[to];
  if (a === undefined || b === undefined) return out;
  out[index] = b;
  out[to] = a;
  return out;
}

/** The absolute address a checkpoint's QR code carries: this app's origin and the scan path. */
export function scanUrl(origin: string, scanPath: string): string {
  return `${origin.replace(/\/+$/, "")}${scanPath.startsWith("/") ? "" : "/"}${scanPath}`;
}

/**
 * The site whose roster the page shows: the one asked for when the user may see it, else
 * (nothing asked) their first active site. `missing` says the asked-for site is not theirs.
 */
export function rosterSite(
  asked: string | null,
  sites: readonly { id: string; active: boolean }[],
): { siteId: string | null; missing: boolean } {
  if (asked) {
    const found = sites.some((s) => s.id === asked);
    return { siteId: found ? asked : null, missing: !found };
  }
  return { siteId: sites.find((s) => s.active)?.id ?? null, missing: false };
}
