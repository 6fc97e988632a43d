import { z } from "zod";

/**
 * The boundary's shared pieces: every procedure, HTTP route and form validates text and ids
 * with these, so bad input is a 400 naming the field everywhere at once (never a 500 from the
 * database: PostgreSQL refuses NUL bytes in text and lone UTF-16 surrogates in UTF-8).
 */

export const uuid = z.uuid("Not a valid id");

// a lone high surrogate, or a low surrogate without one before it
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text, or null when it can. */
export function textProblem(value: string): string | null {
  if (value.includes("\u0000")) return "must not contain NUL (\\u0000) characters";
  if (LONE_SURROGATE.test(value)) return "contains a broken character (a lone UTF-16 surrogate)";
  return null;
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
};

/** Text that PostgreSQL can store: no NUL, well-formed UTF-16, trimmed, bounded. */
export function text(opts: TextOptions) {
  const base = opts.trim === false ? z.string() : z.string().trim();
  let s = base.max(opts.max, opts.maxMessage ?? `Keep it under ${opts.max} characters`);
  if (opts.min) s = s.min(opts.min, opts.minMessage ?? "Enter a value");
  return s.superRefine((value, ctx) => {
    const problem = textProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `Text ${problem}` });
  });
}

/** A free-text search box. */
export const searchText = text({ max: 100 }).optional();
