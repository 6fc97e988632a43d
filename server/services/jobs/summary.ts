import "server-only";

/** A short line for the jobs page from what a function returned: its `summary`, or the value. */
export function summariseResult(result: unknown): string | null {
  if (result === null || result === undefined) return null;
  if (typeof result === "string") return result.slice(0, 200);
  if (typeof result === "object" && "summary" in result && typeof result.summary === "string") {
    return result.summary.slice(0, 200);
  }
  return JSON.stringify(result).slice(0, 200);
}
