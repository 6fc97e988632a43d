import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { closeDb, db, onDatabaseOutage, rawSql, survivePostgresWriteBug } from "@/server/db";
import { OUTBOX_CHANNEL } from "@/server/events/outbox";
import { Executor } from "@/server/executor/executor";
import { createExecutorServer } from "@/server/executor/http";

/**
 * The embedded executor: plays Inngest's dev server for the app (registration, events,
 * cron, durable steps) with its state in PostgreSQL. Started by `npm run dev` / `npm start`
 * when no Inngest is configured; run one per machine beside the app (`npm run executor`).
 *
 * It also serves the functions itself, with the SDK's Node handler on a local port, so that
 * background work (50 triages a second, each several step calls) does not queue behind pages
 * on the web app's single thread. WATCHFLOOR_INNGEST_URL points it at another app instead
 * (e.g. the web app's own /api/inngest, which serves the same functions for Inngest Cloud).
 */
const port = Number(process.env.EXECUTOR_PORT ?? 8288);
const log = (line: string) => console.log(`[executor] ${line}`);

const knob = (name: string) => {
  const v = process.env[name];
  return v && Number(v) > 0 ? Number(v) : undefined;
};

/** Serves the app's functions from this process; returns their URL. */
async function serveFunctions(): Promise<string> {
  process.env.INNGEST_DEV ??= "1";
  process.env.INNGEST_BASE_URL ??= `http://127.0.0.1:${port}`;
  // The SDK reads the whole environment several times per request it serves (its
  // getProcessEnv lists every variable of process.env, a host object slow to enumerate):
  // 8.6 % of this process's CPU at 50 alerts a second. A plain copy lists fast; nothing in
  // this process changes its environment from here on.
  process.env = { ...process.env };
  const { serve } = await import("inngest/node");
  const { inngest } = await import("@/inngest/client");
  const { functions } = await import("@/inngest/functions");
  const handler = serve({ client: inngest, functions });
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`;
}

async function main() {
  survivePostgresWriteBug(log);
  const appUrl = process.env.WATCHFLOOR_INNGEST_URL ?? (await serveFunctions());
  const executor = new Executor({
    db,
    appUrl,
    log,
    drainOutbox: true,
    ...(knob("EXECUTOR_CONCURRENCY") ? { concurrency: knob("EXECUTOR_CONCURRENCY") } : {}),
    ...(knob("EXECUTOR_POLL_MS") ? { pollMs: knob("EXECUTOR_POLL_MS") } : {}),
  });
  const server = createExecutorServer(executor);
  server.listen(port, "127.0.0.1", () => {
    log(`listening on 127.0.0.1:${port}; running the functions served at ${appUrl}`);
    executor.start();
  });
  // an event committed to the outbox wakes the executor at once (the poll is the fallback);
  // postgres.js listens again by itself after a lost connection, and after an outage (whose
  // pools are replaced) this listens again on the new pool
  const listenForEvents = () => {
    void Promise.resolve()
      .then(() =>
        rawSql().listen(
          OUTBOX_CHANNEL,
          () => executor.wake(),
          () => executor.wake(),
        ),
      )
      .catch((err: unknown) => log(`not listening for events (polling instead): ${String(err)}`));
  };
  listenForEvents();
  onDatabaseOutage((state) => {
    log(state === "down" ? "database unreachable; waiting for it" : "database is back");
    if (state === "up") listenForEvents();
  });
  server.on("error", (err) => {
    console.error(`[executor] cannot listen on 127.0.0.1:${port}: ${err.message}`);
    process.exit(1);
  });

  let stopping = false;
  async function shutdown() {
    if (stopping) return;
    stopping = true;
    server.close();
    await executor.stop();
    await closeDb();
    process.exit(0);
  }
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
}

void main();
