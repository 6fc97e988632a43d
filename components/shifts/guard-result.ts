import { SHIFT_RULES, type AttendanceKind, type LocationVerdict } from "@/lib/shifts";

/** Why the phone sent no position (the server then keeps an unknown location). */
export type NoFixReason = "denied" | "unavailable" | "timeout" | "unsupported";

export type Tone = "good" | "warn" | "bad";

/** One line of the answer the guard reads after a check-in or check-out. */
export type ResultLine = { tone: Tone; text: string };

const MINUTE = 60_000;

/** What the phone could not do, in the guard's words, and what happens instead. */
export function noFixText(reason: NoFixReason): string {
  const why = {
    denied: "Location is blocked for this site in your browser",
    unavailable: "Your phone could not find its location",
    timeout: "Your phone took too long to find its location",
    unsupported: "This browser cannot share its location",
  }[reason];
  return `${why}. Sent without a position: your manager sees an unknown location.`;
}

/** Arrival against the shift start: on time, late (after 15 min) or early beyond the tolerance. */
export function arrivalLine(startsAt: Date, at: Date): ResultLine {
  const minutes = Math.floor((at.getTime() - startsAt.getTime()) / MINUTE);
  if (minutes > SHIFT_RULES.lateAfterMinutes)
    return { tone: "bad", text: `Late: ${formatMinutes(minutes)} after the start` };
  if (-minutes > SHIFT_RULES.earlyToleranceMinutes)
    return {
      tone: "warn",
      text: `Early: ${formatMinutes(-minutes)} before the start (more than ${SHIFT_RULES.earlyToleranceMinutes} min is flagged)`,
    };
  return { tone: "good", text: "On time" };
}

/** Where the fix put the guard, as the server judged it. */
export function locationLine(r: {
  verdict: LocationVerdict;
  distanceM: number | null;
  matchedSite: string | null;
  siteName: string;
  accuracyM: number | null;
}): ResultLine {
  const away = r.distanceM == null ? "" : ` (${formatDistance(r.distanceM)} from its centre)`;
  switch (r.verdict) {
    case "on_site":
      return { tone: "good", text: `At ${r.siteName}${away}` };
    case "uncertain":
      return {
        tone: "warn",
        text: `Location uncertain: your fix${r.accuracyM != null ? ` (± ${Math.round(r.accuracyM)} m)` : ""} reaches over the edge of ${r.siteName}. Recorded as uncertain, not wrong site.`,
      };
    case "wrong_site":
      return {
        tone: "bad",
        text: r.matchedSite
          ? `Wrong site: you are at ${r.matchedSite}, not ${r.siteName}. Your manager is told.`
          : `Wrong site: you are outside ${r.siteName}${away}. Your manager is told.`,
      };
    case "no_fix":
      return { tone: "warn", text: "No position sent: recorded as an unknown location" };
  }
}

/** The heading of the answer: what was recorded. */
export function resultTitle(kind: AttendanceKind, at: Date, timeZone: string): string {
  const time = at.toLocaleTimeString("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return `${kind === "check_in" ? "Checked in" : "Checked out"} at ${time}`;
}

/**
 * A server error as the guard should read it: services prefix the field they are about
 * ("token: …", "shiftId: …") for forms; a phone page has no field to point at.
 */
export function plainMessage(message: string): string {
  return message.replace(/^[a-zA-Z]+: /, "");
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

export function formatDistance(metres: number): string {
  return metres < 1000 ? `${Math.round(metres)} m` : `${(metres / 1000).toFixed(1)} km`;
}
