/** Guardrail maths (playbooks.md): at most N runs of a playbook per site in any hour. */

export const GUARDRAIL_WINDOW_MS = 60 * 60 * 1000;

/** Whether one more run may start at `at`, given the starts already counted at that site. */
export function guardrailAllows(starts: readonly Date[], at: Date, max: number): boolean {
  const from = at.getTime() - GUARDRAIL_WINDOW_MS;
  return starts.filter((s) => s.getTime() > from && s.getTime() <= at.getTime()).length < max;
}

/**
 * Replays a stream of matching alerts (oldest first) through the guardrail: which would have
 * run and which been skipped. Skipped alerts do not count against later ones.
 */
export function replayGuardrail<T extends { siteId: string; at: Date }>(
  alerts: readonly T[],
  max: number,
): { ran: T[]; skipped: T[] } {
  const bySite = new Map<string, Date[]>();
  const ran: T[] = [];
  const skipped: T[] = [];
  for (const a of alerts) {
    const starts = bySite.get(a.siteId) ?? [];
    if (guardrailAllows(starts, a.at, max)) {
      starts.push(a.at);
      bySite.set(a.siteId, starts);
      ran.push(a);
    } else skipped.push(a);
  }
  return { ran, skipped };
}
