/** The part of a function's `step` that runInstant needs. */
type StepRun = { run: (id: string, fn: () => string) => Promise<string> };

/**
 * The one instant a scheduled run works at, memoised as its first step: a replay (after a
 * crash, or between steps) sees the time the run started at, so every step agrees on `now`.
 */
export async function runInstant(step: StepRun): Promise<Date> {
  return new Date(await step.run("now", () => new Date().toISOString()));
}
