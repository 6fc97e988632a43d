import { z } from "zod";

/**
 * The boundary's shared pieces: every procedure, HTTP route and form validates text, ids,
 * numbers and dates with these, so bad input is a 400 naming the field everywhere at once
 * (never a 500 from the database: PostgreSQL refuses NUL bytes in text, lone UTF-16
 * surrogates in UTF-8, integers past their column and dates outside its range).
 * Outside this file, `z.string()` and its formats are refused by lint in the boundary's
 * folders (eslint.config.mjs).
 */

export const uuid = z.uuid("Not a valid id");

/** An id picked from a list in a form: nothing picked yet reads as `message` ("Choose a site"). */
export const chosenId = (message: string) => z.uuid(message);

// a lone high surrogate, or a low surrogate without one before it
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text, or null when it can. */
export function textProblem(value: string): string | null {
  if (value.includes("\u0000")) return "must not contain NUL (\\u0000) characters";
  if (LONE_SURROGATE.test(value)) return "contains a broken character (a lone UTF-16 surrogate)";
  return null;
}

/** The text check as a refinement, for schemas that are not plain text (e-mail, URL pipes). */
export function textRefine(value: string, ctx: z.RefinementCtx) {
  const problem = textProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: `Text ${problem}` });
}

type TextOptions = {
  /** The most characters allowed. */
  max: number;
  /** At least this many characters (after trimming); 0 allows empty. */
  min?: number;
  /** Message when shorter than min. */
  minMessage?: string;
  /** Message when longer than max. */
  maxMessage?: string;
  /** Trim surrounding white space first (default true). */
  trim?: boolean;
  /** Message when the value is not a string at all. */
  typeMessage?: string;
};

/** Text that PostgreSQL can store: no NUL, well-formed UTF-16, trimmed, bounded. */
export function text(opts: TextOptions) {
  const str = opts.typeMessage ? z.string(opts.typeMessage) : z.string();
  const base = opts.trim === false ? str : str.trim();
  let s = base.max(opts.max, opts.maxMessage ?? `Keep it under ${opts.max} characters`);
  if (opts.min) s = s.min(opts.min, opts.minMessage ?? "Enter a value");
  return s.superRefine(textRefine);
}

/** A free-text search box. */
export const searchText = text({
  max: 100,
  maxMessage: "Keep the search under 100 characters",
}).optional();

/** An e-mail address, trimmed and lower-cased. */
export function email(message = "Enter a valid e-mail address") {
  return text({ max: 254, typeMessage: message }).toLowerCase().pipe(z.email(message));
}

/**
 * A phone number as people write it ("+1 312 555 0142", "(312) 555-0142"): digits with
 * spaces, dots, dashes, brackets and a leading +, 5 to 20 digits; empty means none given.
 */
export function phone(message = "Enter a phone number, e.g. +1 312 555 0142") {
  return text({ max: 40, maxMessage: message, typeMessage: message }).refine(
    (v) => v === "" || (/^\+?[\d\s().-]+$/.test(v) && /^(\D*\d){5,20}\D*$/.test(v)),
    message,
  );
}

/** A phone number as a tel: link dials it: "+1 (312) 555-0142" → "tel:+13125550142". */
export function telHref(number: string): string {
  const digits = number.replace(/[^\d]/g, "");
  return `tel:${number.trim().startsWith("+") ? "+" : ""}${digits}`;
}

/** An absolute http(s) URL (webhooks). */
export function httpUrl(message = "Enter the full URL", schemeMessage = "Use an http(s) URL") {
  return text({ max: 2000, typeMessage: message })
    .pipe(z.url(message))
    .refine((u) => /^https?:\/\//.test(u), schemeMessage);
}

/** A page size: a whole number from 1 to max, `fallback` when left out. */
export function limit(max: number, fallback: number) {
  return z
    .number("The limit must be a number")
    .int("The limit must be a whole number")
    .min(1, "The limit must be at least 1")
    .max(max, `The limit must be at most ${max}`)
    .default(fallback);
}

/** A list of ids, each a uuid. */
export function idList(max: number, what = "ids") {
  return z.array(uuid, `Expected a list of ${what}`).max(max, `At most ${max} ${what} at once`);
}

// timestamptz holds 4713 BC to 294276 AD and JavaScript dates reach ±275760: keep to years
// a person means, so no date reaches the database out of its range
const EARLIEST = new Date("1900-01-01T00:00:00Z");
const LATEST = new Date("9999-12-31T23:59:59Z");

/** A point in time (a Date, as superjson sends it). */
export function instant(message = "Expected a date and time") {
  return z
    .date(message)
    .min(EARLIEST, "Choose a date after 1900")
    .max(LATEST, "Choose a date before the year 10000");
}

/** A point in time sent as JSON (an ISO string or epoch ms), or a Date. */
export function coercedInstant(message = "Expected a date and time") {
  return z.coerce
    .date(message)
    .min(EARLIEST, "Choose a date after 1900")
    .max(LATEST, "Choose a date before the year 10000");
}

/** A calendar day, YYYY-MM-DD. */
export function isoDay(message = "Use a date like 2026-12-25") {
  return z.iso.date(message).refine((d) => d >= "1900-01-01", "Choose a date after 1900");
}

/** A readable one-line account of what was wrong, naming the field: "title: Enter a value". */
export function issueSummary(error: z.ZodError, whole = "input"): string {
  const [first, ...rest] = error.issues;
  if (!first) return `The ${whole} is not valid`;
  const where = first.path.map(String).join(".") || whole;
  const more = rest.length ? ` (and ${rest.length} more)` : "";
  return `${where}: ${first.message}${more}`;
}
