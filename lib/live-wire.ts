import type { LiveOut, QueuePatch } from "@/server/api/live";

/**
 * How GET /api/live writes its messages: one JSON object per `data:` line. Alert pushes go to
 * every open page several times a second, so their rows travel compact: as arrays in
 * ROW_COLUMNS order (not objects repeating every key), with times as epoch milliseconds, and
 * without the list of changed ids (the rows, gone and resolved ids are it). About half the
 * bytes of the same message in superjson, for the server to write to every socket and for
 * every page to read.
 */
type Row = QueuePatch["rows"][number];

/** A queue row's fields, in the order a pushed row lists them. */
export const ROW_COLUMNS = [
  "id",
  "type",
  "severity",
  "title",
  "status",
  "score",
  "scoredBy",
  "occurrences",
  "firstSeenAt",
  "lastSeenAt",
  "acknowledgedAt",
  "escalated",
  "suppressed",
  "clientId",
  "siteId",
  "siteName",
  "clientName",
  "assignedUserId",
  "assigneeName",
  "assignedGroupId",
  "groupName",
] as const satisfies readonly (keyof Row)[];

// every field of a row is listed (a new queue column must be added above, or the page drops it)
type Unlisted = Exclude<keyof Row, (typeof ROW_COLUMNS)[number]>;
const everyColumnListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyColumnListed;

/** The row fields that are times (epoch milliseconds on the wire, Dates in the page). */
type TimeColumn = { [K in keyof Row]: Row[K] extends Date | null ? K : never }[keyof Row];
const TIME_LIST = ["firstSeenAt", "lastSeenAt", "acknowledgedAt"] as const satisfies TimeColumn[];
// every time field is listed (a new one left out would reach the page as a number)
type UnlistedTime = Exclude<TimeColumn, (typeof TIME_LIST)[number]>;
const everyTimeListed: [UnlistedTime] extends [never] ? true : UnlistedTime = true;
void everyTimeListed;
const TIME_COLUMNS = new Set<string>(TIME_LIST);

type WireAlert = {
  topic: "alert";
  queue: Omit<QueuePatch, "rows"> & { rows: unknown[][] };
};

/** The `data:` text of a message. */
export function encodeLive(message: LiveOut): string {
  if (!("queue" in message)) return JSON.stringify(message);
  const { rows, ...rest } = message.queue;
  const wire: WireAlert = {
    topic: "alert",
    queue: {
      ...rest,
      rows: rows.map((row) =>
        ROW_COLUMNS.map((c) => {
          const v = row[c];
          return v instanceof Date ? v.getTime() : v;
        }),
      ),
    },
  };
  return JSON.stringify(wire);
}

/** A message as the server meant it; throws on what is not one. */
export function decodeLive(data: string): LiveOut {
  const parsed = JSON.parse(data) as { topic?: unknown; queue?: unknown } | null;
  if (typeof parsed !== "object" || parsed === null || typeof parsed.topic !== "string")
    throw new Error("not a live message");
  if (!("queue" in parsed)) return parsed as LiveOut;
  const { rows: wireRows, ...rest } = (parsed as WireAlert).queue;
  const rows = wireRows.map((values) => {
    const row: Record<string, unknown> = {};
    ROW_COLUMNS.forEach((c, i) => {
      const v = values[i];
      row[c] = TIME_COLUMNS.has(c) && typeof v === "number" ? new Date(v) : v;
    });
    return row as Row;
  });
  const ids = [...rows.map((r) => r.id), ...rest.gone, ...rest.resolved];
  return { topic: "alert", ids, queue: { ...rest, rows } };
}
