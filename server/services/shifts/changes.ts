import "server-only";
/**
 * The fields of an edit that differ from the row (undefined ones and `id` left alone), as the
 * update's set and its audit row's before and after.
 */
export function changedInput(row: Record<string, unknown>, input: Record<string, unknown>) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || k === "id") continue;
    const was = row[k];
    if (JSON.stringify(was) === JSON.stringify(v)) continue;
    before[k] = was;
    after[k] = v;
  }
  return { before, after, changed: Object.keys(after).length > 0 };
}
