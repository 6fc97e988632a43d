import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/node";
import { connectTo } from "@/server/db/connect";
import { db, schema } from "@/server/db";
import { Executor, type ExecutorOptions } from "@/server/executor/executor";
import { createExecutorServer } from "@/server/executor/http";

/**
 * The embedded executor under test: functions made with the SDK's createFunction, served by
 * its real Node handler, registered with an executor's HTTP API (the SDK sends its events
 * there), and executors to drive them, with all state in the test database.
 */

/** pg_advisory_lock(class, id) that executor test files take turns on (any constants) */
const TURN_LOCK = [7_226_312, 1] as const;

/**
 * Waits for this file's turn to run executors. An executor takes any due run in the database,
 * so two files' executors at once would work on each other's runs and break each other's
 * counts and timings; held on a connection of its own until `close`.
 */
async function takeTurn(): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const conn = connectTo(url, { max: 1, onnotice: () => undefined });
  await conn`select pg_advisory_lock(${TURN_LOCK[0]}, ${TURN_LOCK[1]})`;
  return async () => {
    await conn`select pg_advisory_unlock(${TURN_LOCK[0]}, ${TURN_LOCK[1]})`;
    await conn.end();
  };
}

/** beforeAll's timeout for startTestApp: it may wait for another file's executors to finish */
export const WAIT_FOR_TURN_MS = 300_000;

export const quiet = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};

export async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Steps in flight and at most at once, per bucket, and the order they started and ended. */
export class Busy {
  readonly now = new Map<string, number>();
  readonly peak = new Map<string, number>();
  readonly log: string[] = [];

  async hold(buckets: string[], label: string, ms: number): Promise<void> {
    this.log.push(`start:${label}`);
    for (const b of buckets) {
      this.now.set(b, (this.now.get(b) ?? 0) + 1);
      this.peak.set(b, Math.max(this.peak.get(b) ?? 0, this.now.get(b) ?? 0));
    }
    await new Promise((r) => setTimeout(r, ms));
    for (const b of buckets) this.now.set(b, (this.now.get(b) ?? 0) - 1);
    this.log.push(`end:${label}`);
  }
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * Serves `makeFunctions`' functions as app `<prefix>-<random>` and syncs them into the
 * database through an executor (`front`, which also takes the SDK's events). Call in beforeAll
 * with WAIT_FOR_TURN_MS, and `close` in afterAll.
 */
export async function startTestApp(
  prefix: string,
  makeFunctions: (client: Inngest.Any, appId: string) => InngestFunction.Any[],
) {
  const release = await takeTurn();
  const appId = `${prefix}-${randomUUID().slice(0, 6)}`;
  let handler: ReturnType<typeof serve> | null = null;
  const appServer = createServer((req, res) => void handler?.(req, res));
  const appUrl = `http://127.0.0.1:${await listen(appServer)}/api/inngest`;
  const logged: string[] = [];
  const front = new Executor({ db, appUrl, log: (line) => logged.push(line) });
  const executorServer = createExecutorServer(front);
  const baseUrl = `http://127.0.0.1:${await listen(executorServer)}`;
  const client = new Inngest({
    id: appId,
    isDev: true,
    baseUrl,
    logger: quiet,
    internalLogger: quiet,
  });
  handler = serve({ client, functions: makeFunctions(client, appId) });
  const executors: Executor[] = [];

  const runsOf = (functionId: string) =>
    db
      .select()
      .from(schema.jobRuns)
      .where(eq(schema.jobRuns.functionId, `${appId}-${functionId}`));
  /** the run of `functionId` whose event's data.key is `key` */
  const runOf = async (functionId: string, key: string) =>
    (await runsOf(functionId)).find(
      (r) => (r.event as { data?: { key?: string } }).data?.key === key,
    );
  // registration, as the dev server does when it finds an app
  if (!(await front.sync())) {
    appServer.close();
    executorServer.close();
    await release();
    throw new Error(`the test app did not sync: ${logged.join("\n")}`);
  }

  return {
    appId,
    appUrl,
    baseUrl,
    client,
    /** the executor behind the HTTP API, and what it logged */
    front,
    logged,
    /** an executor to drive runs (stopped by `close` if the test did not) */
    executor(opts: Partial<ExecutorOptions> = {}): Executor {
      const e = new Executor({
        db,
        appUrl,
        pollMs: 50,
        backoffBaseMs: 50,
        concurrency: 4,
        ...opts,
      });
      executors.push(e);
      return e;
    },
    send: (name: string, data: Record<string, unknown>, id?: string) =>
      client.send({ name: `${appId}/${name}`, data, ...(id ? { id } : {}) }),
    runsOf,
    runOf,
    /** waits for that run to reach `status` */
    settled: (functionId: string, key: string, status = "completed", timeoutMs?: number) =>
      until(
        `${functionId} ${key} to be ${status}`,
        async () => {
          const r = await runOf(functionId, key);
          return r?.status === status && r;
        },
        timeoutMs,
      ),
    async close(): Promise<void> {
      try {
        await Promise.all(executors.map((e) => e.stop()));
        await new Promise((r) => appServer.close(r));
        await new Promise((r) => executorServer.close(r));
        await db.delete(schema.jobFunctions).where(eq(schema.jobFunctions.appId, appId));
      } finally {
        await release();
      }
    },
  };
}
