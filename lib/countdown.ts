/**
 * How an SLA countdown reads at a glance: minute precision once there is time to spare,
 * seconds only in the last minutes, when they matter.
 */

/** Below this much time (either side of the due time) a countdown shows seconds. */
export const COUNTDOWN_SECONDS_WITHIN_MS = 5 * 60_000;
/** From this many hours on a countdown reads in days and hours. */
const DAYS_FROM_HOURS = 48;

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A span as a countdown shows it: "3 d 4 h", "3 h 05 min", "42 min", "4 min 07 s", "30 s".
 * Minutes are whole minutes passed (42 min 59 s reads "42 min"), so the text never runs ahead.
 */
export function formatCountdownSpan(ms: number): string {
  const abs = Math.abs(ms);
  const s = Math.floor(abs / 1000);
  if (abs < COUNTDOWN_SECONDS_WITHIN_MS) {
    const m = Math.floor(s / 60);
    return m ? `${m} min ${pad(s % 60)} s` : `${s} s`;
  }
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < DAYS_FROM_HOURS) return `${h} h ${pad(m % 60)} min`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** Whether the countdown for this span changes every second (else once a minute). */
export const countdownTicksInSeconds = (ms: number) => Math.abs(ms) < COUNTDOWN_SECONDS_WITHIN_MS;
