import fc from "fast-check";

/**
 * Generated bad input for the boundary tests (app/api/bad-input.int.test.ts,
 * server/api/bad-input.int.test.ts): values that must come back as a clear 4xx, never a 500.
 * Runs are reproducible: BAD_INPUT_SEED picks the seed (the tests print the one they used).
 */
export const SEED = Number(process.env.BAD_INPUT_SEED ?? 20_260_213);

const nested = (depth: number, wrap: (inner: unknown) => unknown) => {
  let v: unknown = "bottom";
  for (let i = 0; i < depth; i++) v = wrap(v);
  return v;
};
const proto = () =>
  JSON.parse(
    '{"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}}}',
  ) as unknown;

const nulText = fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`);
const loneSurrogate = fc.constantFrom("\ud800", "title \udc00 here", "x\udbff", "\udfff\ud800");
const huge = fc.constantFrom("x".repeat(70_000), "é".repeat(20_001), "😀".repeat(6_000));
const unicodeEdge = fc.constantFrom(
  "\u202eevil\u202c",
  "\ufeffbom",
  "e\u0301\u0301\u0301",
  "👩‍👩‍👧‍👦",
  "line\u2028sep",
  "𝕏𝕐",
  "\uffff\ufffe",
  "\u00a0",
  "   ",
  "",
  "Ω≈ç√",
  "<script>alert(1)</script>",
  "'; DROP TABLE alerts; --",
  "%00",
  "\\u0000",
);
const badId = fc.constantFrom(
  "not-a-uuid",
  "00000000-0000-0000-0000-00000000000",
  "00000000-0000-0000-0000-0000000000000",
  "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
  "1",
  "../../etc/passwd",
  "' OR 1=1 --",
  "{}",
);
const badNumber = fc.constantFrom(
  -1,
  0,
  -0,
  0.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e308,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
);
const badDate = fc.constantFrom<unknown>(
  new Date(Number.NaN),
  new Date(8.64e15),
  new Date(-8.64e15),
  new Date("0001-01-01T00:00:00Z"),
  "2026-02-30",
  "0000-01-01",
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-20",
  "not a date",
  "2026-13-01T25:61:00Z",
);
const wrongType = fc.constantFrom<unknown>(null, true, false, [], {}, [1, 2, 3], 42, "text", [
  { a: 1 },
]);
const deep = fc.constantFrom<unknown>(
  nested(2000, (v) => [v]),
  nested(2000, (v) => ({ a: v })),
  Array.from({ length: 5000 }, (_, i) => i),
);
const pollution = fc.constant(null).map(proto);

/** One bad value of any kind. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  nulText,
  loneSurrogate,
  huge,
  unicodeEdge,
  badId,
  badNumber,
  badDate,
  wrongType,
  deep,
  pollution,
  fc.anything({ maxDepth: 2 }),
);

/** A bad string only (for path parameters, file names, query values). */
export const badString: fc.Arbitrary<string> = fc.oneof(
  nulText,
  loneSurrogate,
  huge,
  unicodeEdge,
  badId,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
);

/** Raw request bodies that are not the JSON a route expects. */
export const badJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    "{not json",
    "null",
    "[]",
    "0",
    '"text"',
    '{"a":',
    "\u0000",
    '{"title":"\\u0000"}',
    '{"title":"\\ud800"}',
    "[".repeat(100_000),
    `{"a":"${"x".repeat(300_000)}"}`,
    '{"__proto__":{"polluted":"yes"}}',
  ),
  fc.string({ maxLength: 60 }),
);

type Def = {
  type: string;
  format?: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  element?: unknown;
  in?: unknown;
  entries?: Record<string, string | number>;
  options?: unknown[];
  values?: unknown[];
};

function defOf(schema: unknown): Def | null {
  const zod = (schema as { _zod?: { def?: Def } } | null)?._zod;
  return zod?.def ?? null;
}

export type Pools = { ids: string[] };

const plainStrings = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }),
  fc.constantFrom(
    "America/Chicago",
    "UTC",
    "08:00",
    "18:00",
    "2026-12-25",
    "ops@example.test",
    "https://hooks.slack.test/services/x",
  ),
);

/** A value the schema would likely accept (so generated input also reaches the services). */
export function plausible(schema: unknown, pools: Pools): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (!def) return fc.constant(undefined);
  switch (def.type) {
    case "object": {
      const shape = def.shape ?? {};
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, child] of Object.entries(shape)) fields[key] = plausible(child, pools);
      return fc.record(fields, { requiredKeys: [] });
    }
    case "optional":
    case "default":
    case "prefault":
    case "nullable":
    case "readonly":
    case "catch":
      return plausible(def.innerType, pools);
    case "pipe":
      return plausible(def.in, pools);
    case "array":
      return fc.array(plausible(def.element, pools), { maxLength: 3 });
    case "enum":
      return fc.constantFrom(...Object.values(def.entries ?? { none: "none" }));
    case "literal":
      return fc.constantFrom(...(def.values ?? [null]));
    case "union":
      return fc.oneof(...(def.options ?? []).map((o) => plausible(o, pools)));
    case "string":
      if (def.format === "uuid" || def.format === "guid")
        return fc.oneof(fc.constantFrom(...pools.ids), fc.uuid());
      if (def.format === "email") return fc.constantFrom("ops@example.test", "x@y.test");
      if (def.format === "url") return fc.constant("https://hooks.slack.test/services/x");
      if (def.format === "date") return fc.constantFrom("2026-12-25", "2027-03-31");
      return plainStrings;
    case "number":
      return fc.integer({ min: 1, max: 30 });
    case "boolean":
      return fc.boolean();
    case "date":
      return fc.date({
        min: new Date("2025-01-01T00:00:00Z"),
        max: new Date("2028-01-01T00:00:00Z"),
        noInvalidDate: true,
      });
    default:
      return fc.constant(undefined);
  }
}

/** A bad value aimed at what a field expects: broken text for text, odd numbers for numbers… */
export function badFor(schema: unknown, pools: Pools): fc.Arbitrary<unknown> {
  const def = defOf(unwrap(schema));
  const aimed = (() => {
    switch (def?.type) {
      case "string":
        return fc.oneof(
          { weight: 3, arbitrary: nulText },
          { weight: 3, arbitrary: loneSurrogate },
          { weight: 1, arbitrary: huge },
          { weight: 2, arbitrary: unicodeEdge },
          { weight: 1, arbitrary: badId },
        );
      case "number":
        return badNumber;
      case "date":
        return badDate;
      case "array":
        return fc.oneof(
          fc.array(badFor(def.element, pools), { minLength: 1, maxLength: 3 }),
          fc.constant(Array.from({ length: 5000 }, () => pools.ids[0])),
        );
      case "object":
        return badInputFor(schema, pools);
      default:
        return badValue;
    }
  })();
  return fc.oneof({ weight: 3, arbitrary: aimed }, { weight: 1, arbitrary: badValue });
}

/**
 * Input for a schema: mostly a plausible object with one field made bad (aimed at what the
 * field expects), sometimes a wholly bad value, sometimes a plausible one.
 */
export function badInputFor(schema: unknown, pools: Pools): fc.Arbitrary<unknown> {
  const def = defOf(unwrap(schema));
  const whole = fc.oneof(badValue, plausible(schema, pools));
  if (def?.type !== "object") return def ? fc.oneof(whole, badFor(schema, pools)) : whole;
  const shape = def.shape ?? {};
  const keys = Object.keys(shape);
  if (!keys.length) return whole;
  const oneBad = fc
    .constantFrom(...keys)
    .chain((key) => fc.tuple(plausible(schema, pools), fc.constant(key), badFor(shape[key], pools)))
    .map(([base, key, value]) => {
      const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
      Object.defineProperty(out, key, { value, enumerable: true, writable: true });
      return out;
    });
  return fc.oneof({ weight: 4, arbitrary: oneBad }, { weight: 1, arbitrary: whole });
}

function unwrap(schema: unknown): unknown {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    const def = defOf(s);
    if (!def) return s;
    if (["optional", "default", "prefault", "nullable", "readonly", "catch"].includes(def.type))
      s = def.innerType;
    else if (def.type === "pipe") s = def.in;
    else return s;
  }
  return s;
}

/** Draws `count` values reproducibly from an arbitrary. */
export function draw<T>(arb: fc.Arbitrary<T>, count: number, salt: number): T[] {
  return fc.sample(arb, { seed: SEED + salt, numRuns: count });
}

/** A short, printable account of an input for a failure message. */
export function show(value: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(value, (_k, v: unknown) => (v instanceof Date ? `Date(${v.getTime()})` : v));
  } catch {
    s = String(value);
  }
  s = s ?? String(value);
  return s.length > 160 ? `${s.slice(0, 160)}… (${s.length} chars)` : s;
}

/** Whether a 4xx message says what was wrong: not empty, not a raw dump of issues. */
export function explains(message: unknown): boolean {
  return (
    typeof message === "string" &&
    message.trim().length >= 6 &&
    !/^\s*[[{]/.test(message) &&
    !/something went wrong/i.test(message)
  );
}
