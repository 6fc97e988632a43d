import "server-only";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import { connectTo } from "./connect";
import { preparesEnabled, preparing } from "./prepare";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
export { schema };

type Handle = { sql: postgres.Sql; db: Db };

/**
 * Seconds to wait for a connection before failing the query (postgres.js waits 30): while the
 * database is unreachable, requests answer 503 within a few seconds instead of hanging.
 */
const CONNECT_TIMEOUT_S = Number(process.env.DATABASE_CONNECT_TIMEOUT ?? 3);

/** postgres.js's codes for a connection that could not be made or was lost. */
const CONNECTION_CODES = new Set([
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now (starting or recovering)
  "57P01",
  "57P02",
  "57P03",
  "DB_UNAVAILABLE",
]);

/**
 * Whether an error (or its cause, as Drizzle wraps the driver's) means the database is
 * unreachable rather than that the query was wrong: callers answer 503 for it.
 */
export function isConnectionError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * postgres.js 3.4.9 can throw `TypeError: Cannot read properties of null (reading 'write')`
 * from its own timer or socket callback when a connection dies with a write buffered
 * (porsager/postgres#1154, #1208; no release fixes it): an uncaught exception that killed the
 * executor when PostgreSQL was restarted. Its queries have already been failed with
 * CONNECTION_CLOSED, so this process logs it and carries on; any other uncaught exception
 * still ends the process, as Node would.
 */
export function survivePostgresWriteBug(log: (line: string) => void): void {
  const g = globalThis as unknown as { watchfloorPgGuard?: boolean };
  if (g.watchfloorPgGuard) return;
  g.watchfloorPgGuard = true;
  process.on("uncaughtException", (err) => {
    if (isPostgresWriteBug(err)) {
      log(`database connection lost mid-write (postgres.js); reconnecting: ${err.message}`);
      return;
    }
    console.error(err);
    process.exit(1);
  });
}

export function isPostgresWriteBug(err: unknown): err is TypeError {
  return (
    err instanceof TypeError &&
    /reading 'write'|evaluating 'socket\.write'/.test(err.message) &&
    /postgres[\\/](src|cjs)[\\/]/.test(err.stack ?? "")
  );
}
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

function pool(max: number): Handle {
  health.closing = false;
  const sql = connectTo(databaseUrl(), {
    max,
    connect_timeout: CONNECT_TIMEOUT_S,
    onnotice: () => undefined,
    // a connection closed or failed to open: is the database still there?
    onclose: () => suspectOutage(),
    // JIT compiles each large query for ~0.3-0.6 s before running it: more than it saves on
    // the console's aggregates (vendor rankings, SLA history), which finish in well under 1 s
    connection: { jit: "off" },
  });
  return { sql, db: drizzle(preparesEnabled() ? preparing(sql) : sql, { schema }) };
}

function handle(): Handle {
  if (health.down) throw new DatabaseUnavailableError();
  globalForDb.watchfloorDb ??= pool(Number(process.env.DATABASE_POOL_SIZE ?? 10));
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
  if (health.down) throw new DatabaseUnavailableError();
  globalForLive.watchfloorLiveDb ??= pool(2);
  return globalForLive.watchfloorLiveDb.db;
}

/** Thrown instead of queueing a query while the database is known to be unreachable. */
export class DatabaseUnavailableError extends Error {
  readonly code = "DB_UNAVAILABLE";
  constructor() {
    super("The database is unreachable; try again in a few seconds");
  }
}

/**
 * The database circuit. postgres.js queues queries while it reconnects, so during an outage
 * every request hung until the database came back (37 s and more). When a connection closes,
 * a probe with its own short-lived connection checks the database; if it is unreachable:
 * - the pools are replaced, and the old ones ended at once, which fails their queued queries
 *   (CONNECTION_DESTROYED: a 503) and drops connections postgres.js may have left unusable
 *   (a connection that died with a write buffered never writes again in 3.4.9);
 * - until a probe succeeds (every second), `db` and `liveDb()` throw DatabaseUnavailableError
 *   at once, which requests answer as 503;
 * - `onDatabaseOutage` watchers hear of it, and of the recovery (LISTEN again, pages refetch).
 */
const globalForHealth = globalThis as unknown as {
  watchfloorDbHealth?: {
    down: boolean;
    probing: boolean;
    closing: boolean;
    watchers: Set<(state: "down" | "up") => void>;
  };
};
const health = (globalForHealth.watchfloorDbHealth ??= {
  down: false,
  probing: false,
  closing: false,
  watchers: new Set(),
});

/** Whether the database is known to be unreachable now. */
export function databaseDown(): boolean {
  return health.down;
}

/**
 * Runs `fn("down")` when the database is found unreachable (the pools, and LISTENs on them,
 * are gone) and `fn("up")` when it is back; returns an unsubscribe.
 */
export function onDatabaseOutage(fn: (state: "down" | "up") => void): () => void {
  health.watchers.add(fn);
  return () => health.watchers.delete(fn);
}

function tell(state: "down" | "up"): void {
  for (const fn of health.watchers) {
    try {
      fn(state);
    } catch {
      // a watcher's failure is its own
    }
  }
}

const PROBE_EVERY_MS = 1_000;

async function probe(): Promise<boolean> {
  const sql = connectTo(databaseUrl(), {
    max: 1,
    connect_timeout: 2,
    onnotice: () => undefined,
    fetch_types: false,
  });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    void sql.end({ timeout: 0 }).catch(() => undefined);
  }
}

function suspectOutage(): void {
  if (health.probing || health.closing) return;
  health.probing = true;
  void (async () => {
    try {
      while (!(await probe())) {
        if (health.closing) return;
        if (!health.down) {
          health.down = true;
          dropPools();
          tell("down");
        }
        await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
      }
      if (health.down) {
        health.down = false;
        tell("up");
      }
    } finally {
      health.probing = false;
    }
  })();
}

function dropPools(): void {
  const old = [globalForDb.watchfloorDb, globalForLive.watchfloorLiveDb];
  globalForDb.watchfloorDb = undefined;
  globalForLive.watchfloorLiveDb = undefined;
  for (const h of old) void h?.sql.end({ timeout: 0 }).catch(() => undefined);
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
  health.closing = true;
  const h = globalForDb.watchfloorDb;
  const live = globalForLive.watchfloorLiveDb;
  globalForDb.watchfloorDb = undefined;
  globalForLive.watchfloorLiveDb = undefined;
  await Promise.all([h?.sql.end({ timeout: 5 }), live?.sql.end({ timeout: 5 })]);
}
