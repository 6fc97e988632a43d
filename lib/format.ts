/**
 * The one place the app turns instants and durations into text, on the server and in the
 * browser alike. Dates read "4 Nov 2026", times "09:05" on a 24-hour clock (h23: midnight is
 * 00:41, never 24:41), date-times "4 Nov 2026, 09:05". A time that belongs to a site is shown
 * in the site's IANA zone with the zone's name ("09:05 CST"); other times are in the viewer's
 * own zone. Every function that needs the current time takes it (`now`).
 */

const LOCALE = "en-GB";

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = `${key}|${options.timeZone ?? ""}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, options);
    cache.set(k, f);
  }
  return f;
}

const DATE: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", year: "numeric" };
const TIME: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };

/** English locales asked in turn for a zone's abbreviation: each knows its own region's. */
const ZONE_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN", "en-SG"];
const zoneCache = new Map<string, Intl.DateTimeFormat[]>();

/**
 * The zone's short name at that instant: "CST", "BST", "CET", "AEDT", "SGT", "IST"; "GMT+9"
 * where no English locale has an abbreviation (Tokyo) — never nothing.
 */
export function zoneName(date: Date, timeZone: string): string {
  let fs = zoneCache.get(timeZone);
  if (!fs) {
    fs = ZONE_LOCALES.map((l) => new Intl.DateTimeFormat(l, { timeZone, timeZoneName: "short" }));
    zoneCache.set(timeZone, fs);
  }
  let offset: string | null = null;
  for (const f of fs) {
    const name = f.formatToParts(date).find((p) => p.type === "timeZoneName")?.value;
    if (!name) continue;
    if (!/^GMT[+-]/.test(name)) return name;
    offset ??= name;
  }
  return offset ?? timeZone;
}

type Where = {
  /** the site's IANA zone: the time is shown there, with the zone's name */
  timeZone?: string | undefined;
  /** "Wed 4 Nov 2026": for timelines where the weekday decides (business hours) */
  weekday?: boolean;
  /** name the viewer's own zone too (a time read by people in several zones) */
  zone?: boolean;
  /** leave the zone's name out where the context names it (a chart's axis) */
  unnamed?: boolean;
};

/** The zone this process runs in: the browser's, or the server's while rendering. */
const ownZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const withZone = (text: string, date: Date, timeZone: string | undefined) =>
  timeZone ? `${text} ${zoneName(date, timeZone)}` : text;

/** "4 Nov 2026" (in the site's zone when given; a date carries no zone name). */
export function formatDate(date: Date, where: Where = {}): string {
  return formatter(`d${where.weekday ? "w" : ""}`, {
    ...DATE,
    ...(where.weekday ? { weekday: "short" } : {}),
    timeZone: where.timeZone,
  })
    .format(date)
    .replace(",", "");
}

/** "09:05", or "09:05 CST" for a site's time (or, with `zone`, the viewer's zone named). */
export function formatTime(date: Date, where: Where = {}): string {
  const text = formatter("t", { ...TIME, timeZone: where.timeZone }).format(date);
  if (where.unnamed) return text;
  return withZone(text, date, where.timeZone ?? (where.zone ? ownZone() : undefined));
}

/** "4 Nov 2026, 09:05", or "Wed 4 Nov 2026, 09:05 CST" for a site's time with its weekday. */
export function formatDateTime(date: Date, where: Where | string = {}): string {
  const w = typeof where === "string" ? { timeZone: where } : where;
  return `${formatDate(date, w)}, ${formatTime(date, w)}`;
}

/** The current wall-clock time at a site: "00:41 SGT". */
export function localTime(timeZone: string, now: Date): string {
  return formatTime(now, { timeZone });
}

/**
 * A calendar day ("2026-11-03": a holiday, an expiry date, a chart's day) without going
 * through a time zone: "3 Nov", or "3 Nov 2026" with `year`.
 */
export function formatDay(day: string, opts: { year?: boolean } = {}): string {
  const [y, m, d] = day.split("-").map(Number);
  if (!y || !m || !d) return day;
  const date = new Date(Date.UTC(y, m - 1, d));
  return opts.year
    ? formatDate(date, { timeZone: "UTC" })
    : formatter("day", { day: "numeric", month: "short", timeZone: "UTC" }).format(date);
}

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 minutes ago", "in 2 hours", "yesterday", relative to `now`. */
export function formatRelative(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return seconds > 0 ? "in a few seconds" : "just now";
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), "hour");
  return rtf.format(Math.round(seconds / 86400), "day");
}

export type DurationOptions = {
  /**
   * The smallest unit: "ms" for short runs ("250 ms", "4.2 s"), "s" for a ticking countdown
   * ("42 min 07 s", "3 h 05 min"), "min" for working time and averages ("2 h 30 min").
   */
  precision?: "ms" | "s" | "min";
  /** from how many hours on days are used (a 30 h business-hours target is not "1 d 6 h") */
  daysFromHours?: number;
};

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * One duration formatter for the app (the sign is dropped: say "ago"/"left" around it).
 * "45 s", "12 min 05 s", "3 h 12 min", "2 d 4 h"; with precision "min": "45 min", "4 h",
 * "2 h 30 min", "under 1 min"; with "ms": "250 ms", "4.2 s".
 */
export function formatDuration(ms: number, opts: DurationOptions = {}): string {
  const precision = opts.precision ?? "s";
  const daysFrom = opts.daysFromHours ?? (precision === "min" ? 100 : 48);
  const abs = Math.abs(ms);
  if (precision === "ms" && abs < 1000) return `${Math.round(abs)} ms`;
  if (precision === "ms" && abs < 60_000) return `${(abs / 1000).toFixed(1)} s`;
  if (precision === "min") {
    const m = Math.round(abs / 60_000);
    if (m === 0) return abs > 0 ? "under 1 min" : "0 min";
    if (m < 60) return `${m} min`;
    const h = Math.floor(m / 60);
    if (h < daysFrom) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
    const d = Math.floor(h / 24);
    return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
  }
  const s = Math.floor(abs / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${pad(s % 60)} s`;
  const h = Math.floor(m / 60);
  if (h < daysFrom) return `${h} h ${pad(m % 60)} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Working minutes as people say them: "45 min", "4 h", "2 h 30 min", "30 h", "5 d 2 h". */
export const formatMinutes = (minutes: number): string =>
  formatDuration(minutes * 60_000, { precision: "min" });

/** How long something ran: from its start to its end, or to `now` while it still runs. */
export function formatElapsed(start: Date, end: Date | null, now: Date): string {
  return formatDuration(Math.max(0, (end ?? now).getTime() - start.getTime()), { precision: "ms" });
}

/** How long something waited until `now` ("12 min", "3 h 5 min", "3 d"), never negative. */
export function formatAge(since: Date, now: Date): string {
  return formatDuration(Math.max(0, now.getTime() - since.getTime()), {
    precision: "min",
    daysFromHours: 48,
  });
}

/** An estimate in hours, as people say it: "1.5 hours", "1 hour". */
export function formatHours(hours: number): string {
  return `${Number(hours.toFixed(1))} hour${hours === 1 ? "" : "s"}`;
}

/** "Central Standard Time (America/Chicago)": the zone a due time is in, spelled out. */
export function zoneLongName(iso: string, timeZone: string): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "long" })
    .formatToParts(new Date(iso))
    .find((p) => p.type === "timeZoneName")?.value;
  return part && part !== timeZone ? `${part} (${timeZone})` : timeZone;
}
