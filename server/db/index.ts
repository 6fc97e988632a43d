import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
export { schema };

type Handle = { sql: postgres.Sql; db: Db };
const globalForDb = globalThis as unknown as { watchfloorDb?: Handle };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start the app with `npm run dev` (it starts an embedded PostgreSQL) or set DATABASE_URL.",
    );
  }
  return url;
}

function handle(): Handle {
  if (!globalForDb.watchfloorDb) {
    const sql = postgres(databaseUrl(), {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => undefined,
      // JIT compiles each large query for ~0.3-0.6 s before running it: more than it saves on
      // the console's aggregates (vendor rankings, SLA history), which finish in well under 1 s
      connection: { jit: "off" },
    });
    globalForDb.watchfloorDb = { sql, db: drizzle(sql, { schema }) };
  }
  return globalForDb.watchfloorDb;
}

/** The process-wide Drizzle handle, created on first use so builds never need a database. */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = handle().db as unknown as Record<PropertyKey, unknown>;
    const value = real[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

const globalForLive = globalThis as unknown as { watchfloorLiveDb?: Handle };

/**
 * A separate small pool for the live bus's reads (the rows and counts pushed to every open
 * page after a batch of alert changes): they are on the path of every live update, so they
 * must not queue behind request traffic in the main pool.
 */
export function liveDb(): Db {
  globalForLive.watchfloorLiveDb ??= (() => {
    const sql = postgres(databaseUrl(), {
      max: 2,
      onnotice: () => undefined,
      connection: { jit: "off" },
    });
    return { sql, db: drizzle(sql, { schema }) };
  })();
  return globalForLive.watchfloorLiveDb.db;
}

export function rawSql(): postgres.Sql {
  return handle().sql;
}

/**
 * The postgres.js client behind a Drizzle handle, for what Drizzle lacks (cursors); null for
 * a transaction, whose connection is its own.
 */
export function clientOf(d: DbOrTx): postgres.Sql | null {
  // through the proxy the client would come back bound, without its methods
  if (d === db) return handle().sql;
  return (d as unknown as { $client?: postgres.Sql }).$client ?? null;
}

export async function closeDb(): Promise<void> {
  const h = globalForDb.watchfloorDb;
  const live = globalForLive.watchfloorLiveDb;
  globalForDb.watchfloorDb = undefined;
  globalForLive.watchfloorLiveDb = undefined;
  await Promise.all([h?.sql.end({ timeout: 5 }), live?.sql.end({ timeout: 5 })]);
}
