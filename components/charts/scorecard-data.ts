import { KPI_DEFS, type KpiKey, type KpiUnit, type ScorecardSection } from "@/lib/scorecards";

export type HistoryMonth = { month: string; kpis: { key: KpiKey; value: number | null }[] };

export type TrendGroup = {
  unit: KpiUnit;
  keys: KpiKey[];
  rows: Record<string, string | number | null>[];
};

/** What a unit's axis says, so two units never share one scale. */
export const UNIT_AXIS_LABEL: Record<KpiUnit, string> = {
  pct: "%",
  count: "count",
  minutes: "minutes",
  days: "days",
  score: "score",
};

/**
 * A section's trend split by unit (a percentage and a count never share an axis): per unit,
 * one row per month (oldest first) with a column per KPI that has a value in some month;
 * gaps stay null.
 */
export function sectionTrend(
  months: readonly HistoryMonth[],
  section: ScorecardSection,
): TrendGroup[] {
  const keys = (Object.keys(KPI_DEFS) as KpiKey[]).filter(
    (k) => KPI_DEFS[k].section === section && months.some((m) => valueOf(m, k) != null),
  );
  const groups: TrendGroup[] = [];
  for (const k of keys) {
    const unit = KPI_DEFS[k].unit;
    let group = groups.find((g) => g.unit === unit);
    if (!group) {
      group = { unit, keys: [], rows: [] };
      groups.push(group);
    }
    group.keys.push(k);
  }
  for (const g of groups) {
    g.rows = months.map((m) => {
      const row: Record<string, string | number | null> = { label: m.month.slice(2) };
      for (const k of g.keys) row[k] = valueOf(m, k);
      return row;
    });
  }
  return groups;
}

const valueOf = (m: HistoryMonth, k: KpiKey) => m.kpis.find((x) => x.key === k)?.value ?? null;
