/** How the demo simulator paces its alert queue (pure; see simulate.ts). */

/** The open queue a demo floor settles around: busy, but a shift could work it. */
export const DEMO_OPEN_TARGET = 40;
/** An alert clears by itself (or is closed on the floor) only once it is this old. */
export const CLEAR_AFTER_MS = 3 * 60_000;
/** Fire alarms and panics are never cleared automatically: the floor closes them, later. */
export const LIFE_SAFETY_CLOSED_AFTER_MS = 30 * 60_000;

/**
 * How many old open alerts clear on this tick, so that the open set settles near the target
 * instead of growing: about one new alert arrives per tick; under the target alerts clear
 * less often than they come, over it one or two clear every tick. `r` is a draw in [0, 1).
 */
export function alertsToClear(open: number, target: number, r: number): number {
  if (open > target + 10) return 2;
  if (open > target) return 1;
  return r < 0.6 * (open / target) ? 1 : 0;
}
