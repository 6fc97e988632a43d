import { SHIFT_RULES, type ShiftState } from "@/lib/shifts";

/** What the board's actions need of a shift. */
type ActionFacts = {
  state: ShiftState;
  startsAt: Date;
  endsAt: Date;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
};
export type BoardActionKind = "check_in" | "check_out" | "excuse";

/**
 * What a manager may do with a shift at `now`: check the guard in (from the time a check-in
 * attaches to the shift until its end) or excuse the absence while nobody checked in; check
 * the guard out once in. Excused and cancelled shifts take nothing.
 */
export function actionsFor(row: ActionFacts, now: Date): BoardActionKind[] {
  if (row.state === "excused" || row.state === "cancelled") return [];
  if (row.checkedInAt) return row.checkedOutAt ? [] : ["check_out"];
  const opens = row.startsAt.getTime() - SHIFT_RULES.attachBeforeMinutes * 60_000;
  return now.getTime() >= opens && now < row.endsAt ? ["check_in", "excuse"] : ["excuse"];
}

/** This month and the ones before it, "2026-12", newest first (the CSV export's choices). */
export function recentMonths(now: Date, count = 6): { value: string; label: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    return {
      value: d.toISOString().slice(0, 7),
      label: d.toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }),
    };
  });
}

/** (the board summary counts on the server now; the rule lives with the states) */
export { stateCounts } from "@/lib/shifts";
