import "server-only";
import { Cron } from "croner";

/** Splits Inngest's `TZ=Zone expr` cron form. */
export function parseCron(spec: string): { timezone: string | undefined; expression: string } {
  const m = /^TZ=(\S+)\s+(.+)$/.exec(spec.trim());
  return m
    ? { timezone: m[1], expression: (m[2] ?? "").trim() }
    : { timezone: undefined, expression: spec.trim() };
}

/** When a cron spec (with Inngest's optional `TZ=` prefix) fires next after `from`. */
export function nextCronTime(spec: string, from: Date): Date | null {
  const { timezone, expression } = parseCron(spec);
  return new Cron(expression, { timezone, paused: true }).nextRun(from);
}
