/**
 * The playbooks pages' figures in words: rates as whole percents with the counts behind them,
 * and a step's output as label/value lines. Pure, for the browser and tests alike.
 */

/** "83%", or "—" before there is anything to divide. */
export function percent(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}%`;
}

/** "lastValue" or "last_value" → "Last value". */
export function keyLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replaceAll("_", " ")
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export type OutputLine = { key: string; label: string; value: string; detail: string | null };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function short(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.length === 1 ? "1 item" : `${value.length} items`;
  const n = Object.keys(value).length;
  return n === 1 ? "1 field" : `${n} fields`;
}

/**
 * A step's recorded output as lines: plain values shown as they are, lists and records
 * counted with the whole kept as `detail` (pretty JSON) for a disclosure. Text stays text —
 * the page renders it escaped, never as markup.
 */
export function outputLines(output: Record<string, unknown> | null): OutputLine[] {
  if (!output) return [];
  return Object.entries(output)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => {
      const nested = value !== null && typeof value === "object" && !(value instanceof Date);
      const text = short(value);
      return {
        key,
        label: keyLabel(key),
        value:
          typeof value === "string" && ISO.test(value)
            ? value.replace("T", " ").slice(0, 16)
            : text,
        detail: nested ? JSON.stringify(value, null, 2) : null,
      };
    });
}
