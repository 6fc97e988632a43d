import { KPI_DEFS, type KpiKey, type ScorecardSection } from "@/lib/scorecards";

export type HistoryMonth = { month: string; kpis: { key: KpiKey; value: number | null }[] };

/** One row per month (oldest first) with a column per KPI of the section; gaps stay null. */
export function sectionTrend(
  months: readonly HistoryMonth[],
  section: ScorecardSection,
): { keys: KpiKey[]; rows: Record<string, string | number | null>[] } {
  const keys = (Object.keys(KPI_DEFS) as KpiKey[]).filter(
    (k) => KPI_DEFS[k].section === section && months.some((m) => valueOf(m, k) != null),
  );
  const rows = months.map((m) => {
    const row: Record<string, string | number | null> = { label: m.month.slice(2) };
    for (const k of keys) row[k] = valueOf(m, k);
    return row;
  });
  return { keys, rows };
}

const valueOf = (m: HistoryMonth, k: KpiKey) => m.kpis.find((x) => x.key === k)?.value ?? null;
