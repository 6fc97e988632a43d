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

/** How many shifts are in each state, and how many nobody is assigned to. */
export function stateCounts(shifts: readonly { state: ShiftState; guardId: string | null }[]) {
  const counts = new Map<ShiftState, number>();
  let open = 0;
  for (const s of shifts) {
    counts.set(s.state, (counts.get(s.state) ?? 0) + 1);
    if (!s.guardId) open++;
  }
  return { counts, open, total: shifts.length };
}
