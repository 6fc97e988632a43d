import { SEVERITIES, type AlertType, type Severity } from "@/lib/noc";
import type { PlaybookTrigger } from "@/lib/schemas/playbooks";
import { isAfterHoursAt } from "../noc/score";

export type MatchableAlert = {
  type: AlertType;
  severity: Severity;
  score: number | null;
  clientId: string;
  siteId: string;
  /** when the alert started, and its site's zone: for after-hours triggers */
  firstSeenAt: Date;
  timeZone: string;
};

/** Why an alert does not start a run of this trigger; empty when it does. */
export function triggerMismatches(t: PlaybookTrigger, a: MatchableAlert): string[] {
  const why: string[] = [];
  if (!t.alertTypes.includes(a.type)) why.push(`its type ${a.type} is not one of the trigger's`);
  if (SEVERITIES.indexOf(a.severity) > SEVERITIES.indexOf(t.minSeverity))
    why.push(`its severity ${a.severity} is below ${t.minSeverity}`);
  if (t.minScore > 0 && (a.score === null || a.score < t.minScore))
    why.push(
      a.score === null
        ? `it has no priority score (the trigger needs ${t.minScore}+)`
        : `its score ${a.score} is under ${t.minScore}`,
    );
  if (t.clientIds.length && !t.clientIds.includes(a.clientId))
    why.push("its client is not one of the trigger's");
  if (t.siteIds.length && !t.siteIds.includes(a.siteId))
    why.push("its site is not one of the trigger's");
  if (t.afterHoursOnly && !isAfterHoursAt(a.timeZone, a.firstSeenAt))
    why.push("it started in working hours at its site (07:00–19:00 on a weekday)");
  return why;
}

export function matchesTrigger(t: PlaybookTrigger, a: MatchableAlert): boolean {
  return triggerMismatches(t, a).length === 0;
}
