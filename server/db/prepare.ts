import type postgres from "postgres";

/**
 * Drizzle sends every query as an unnamed statement (postgres.js `prepare: false` unless a
 * query is given a name), so PostgreSQL parses, analyses and plans each one again on every
 * call. At 50 alerts a second that was most of the database's CPU: in 20 s of triage, 3.8 s
 * planning beside 5.2 s executing, plus the parsing, which no statistic shows. This hands
 * Drizzle a client that prepares a statement once its text has come back REPEAT_BEFORE_PREPARE
 * times: postgres.js then keeps it per connection and sends only Bind/Execute, and
 * PostgreSQL may reuse its plan. Texts seen once or twice (a bulk insert's row count, an
 * `in (…)` of some length) stay unnamed, so a connection does not collect thousands of
 * statements used once. Connections are recycled every 30–60 minutes (postgres.js
 * `max_lifetime`), which frees what they hold. DATABASE_PREPARE=0 turns it off (a pooler in
 * transaction mode that cannot keep prepared statements).
 */
const REPEAT_BEFORE_PREPARE = 3;
/** Texts counted at most; past it the counts start again (they only decide when to prepare). */
const COUNTED_TEXTS = 5_000;

export function preparesEnabled(): boolean {
  return process.env.DATABASE_PREPARE !== "0";
}

/** Decides, per query text, whether to prepare it: once it has repeated. */
export function repeatCounter(repeats = REPEAT_BEFORE_PREPARE, cap = COUNTED_TEXTS) {
  const seen = new Map<string, number>();
  return (text: string): boolean => {
    const n = (seen.get(text) ?? 0) + 1;
    if (n > repeats) return true;
    if (seen.size >= cap && n === 1) seen.clear();
    seen.set(text, n);
    return n >= repeats;
  };
}

type Client = postgres.Sql | postgres.TransactionSql | postgres.ReservedSql;

/**
 * `client` as Drizzle should see it: `unsafe` prepares repeated texts, and the clients it
 * hands to `begin` and `savepoint` callbacks do the same. Everything else is the client's own.
 */
export function preparing<C extends Client>(
  client: C,
  shouldPrepare: (text: string) => boolean = repeatCounter(),
): C {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "unsafe")
        return (text: string, params?: unknown[], opts?: { prepare?: boolean }) =>
          (target as postgres.Sql).unsafe(text, params as postgres.ParameterOrJSON<never>[], {
            ...opts,
            prepare: shouldPrepare(text),
          });
      if (prop === "begin" || prop === "savepoint")
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const fn = args[last] as (c: Client) => unknown;
          args[last] = (c: Client) => fn(preparing(c, shouldPrepare));
          const method = Reflect.get(target, prop) as (...a: unknown[]) => unknown;
          return method.apply(target, args);
        };
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
