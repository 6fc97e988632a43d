import { KPI_DEFS, type KpiKey } from "./scorecards";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "2026-10" → "October 2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-");
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** A KPI's value as the screen and the PDF both print it. */
export function formatKpiValue(key: KpiKey, value: number): string {
  switch (KPI_DEFS[key].unit) {
    case "pct":
      return `${value} %`;
    case "minutes":
      return `${value} min`;
    case "days":
      return `${value} d`;
    default:
      return String(value);
  }
}
