import { spawn } from "node:child_process";
import path from "node:path";
import { DEMO_LOGINS, DEMO_PASSWORD } from "@/server/seed/logins";
import { ensureAuthSecret } from "./auth-secret";
import {
  portInUse,
  startEmbeddedPostgres,
  StartupError,
  type EmbeddedDb,
} from "./embedded-postgres";
import { runMigrations } from "./migrate";
import { type Supervised, supervise } from "./supervise";
import { TSX_NODE_ARGS } from "./tsx-node-args";

const log = (line: string) => console.log(`[watchfloor] ${line}`);

export async function prepareDatabase(): Promise<{ url: string; embedded: EmbeddedDb | null }> {
  if (process.env.DATABASE_URL) {
    log(`using the PostgreSQL at DATABASE_URL (${redact(process.env.DATABASE_URL)})`);
    return { url: process.env.DATABASE_URL, embedded: null };
  }
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  log(`starting the embedded PostgreSQL on 127.0.0.1:${port} (data in .data/pg)`);
  const embedded = await startEmbeddedPostgres({
    dataDir: ".data/pg",
    port,
    database: "watchfloor",
    log,
  });
  return { url: embedded.url, embedded };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");
}

export function printLogins() {
  log("demo logins (password for all: " + DEMO_PASSWORD + ")");
  for (const l of DEMO_LOGINS) log(`  ${l.email.padEnd(28)} ${l.role}`);
}

/** How background functions run: Inngest when keys are set, else the embedded executor. */
async function backgroundEnv(): Promise<Record<string, string>> {
  if (process.env.INNGEST_SIGNING_KEY) {
    log(
      `background functions: Inngest at ${process.env.INNGEST_BASE_URL ?? "Inngest Cloud"} (INNGEST_SIGNING_KEY set)`,
    );
    return {};
  }
  return {
    INNGEST_DEV: "1",
    INNGEST_BASE_URL: process.env.INNGEST_BASE_URL ?? `http://127.0.0.1:${executorPort()}`,
  };
}

function executorPort(): number {
  return Number(process.env.EXECUTOR_PORT ?? 8288);
}

/**
 * Whether the embedded executor will run beside the app: not when Inngest is configured or
 * something (a real `inngest-cli dev`, or an executor already running) listens on its address.
 */
async function embeddedExecutorWanted(): Promise<boolean> {
  if (process.env.INNGEST_SIGNING_KEY) return false;
  const port = executorPort();
  if (await portInUse(port)) {
    log(`background functions: using the Inngest dev server already on 127.0.0.1:${port}`);
    return false;
  }
  log(
    `background functions: embedded executor on 127.0.0.1:${port} (set INNGEST_SIGNING_KEY to use Inngest)`,
  );
  return true;
}

/** Whether what listens on the executor's port is the embedded executor (it reads the outbox). */
async function isEmbeddedExecutor(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, {
      signal: AbortSignal.timeout(2_000),
    });
    const body = (await res.json()) as { kind?: unknown };
    return body.kind === "watchfloor-embedded-executor";
  } catch {
    return false;
  }
}

/** Waits (up to a minute) until something listens on the port. */
async function waitForPort(port: number, child: Supervised): Promise<void> {
  const end = Date.now() + 60_000;
  while (Date.now() < end && !child.stopped()) {
    if (await portInUse(port)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * `next start` with idle keep-alive connections held 65 s, not Node's 5 s: a client (a load
 * balancer, whose idle timeout is typically 60 s, or a test's HTTP client) that reuses a
 * connection just as the server closes it gets a reset instead of an answer.
 */
export const NEXT_START_ARGS = ["start", "--keepAliveTimeout", "65000"];

/**
 * The app's environment with the peer-address stamp preloaded (server/peer-address.mjs): Next.js
 * listens before it runs instrumentation.ts, and a request arriving in between would otherwise
 * reach the rate limits with only the X-Forwarded-For its client wrote.
 */
export function withPeerAddressStamp(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const preload = `--import=${path.resolve("scripts/lib/preload-peer-address.mjs")}`;
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, preload].filter(Boolean).join(" ") };
}

/**
 * Starts the database, migrates, starts the executor, optionally seeds, then runs
 * `next <command>`, supervising each child until SIGINT or SIGTERM.
 */
export async function launch(opts: { nextArgs: string[]; seedIfEmpty: boolean }) {
  let embedded: EmbeddedDb | null = null;
  try {
    const db = await prepareDatabase();
    embedded = db.embedded;
    process.env.DATABASE_URL = db.url;
    await runMigrations(db.url);
    log("migrations applied");
    const { secret, source } = ensureAuthSecret();
    if (source === "new")
      log("generated AUTH_SECRET into .data/auth-secret (set AUTH_SECRET in production)");
    const port = process.env.PORT ?? "3000";
    // the seed below sends events from this process: to the same place as the app
    const background = await backgroundEnv();
    Object.assign(process.env, background);
    const env: NodeJS.ProcessEnv = {
      NEXT_TELEMETRY_DISABLED: "1",
      ...process.env,
      ...background,
      DATABASE_URL: db.url,
      AUTH_SECRET: secret,
      PORT: port,
    };
    const children: Supervised[] = [];
    if (await embeddedExecutorWanted()) {
      const executorAt = executorPort();
      // tsx runs as a loader in the child itself: the `tsx` command puts a second process in
      // between, and a crash of the outer one would leave the inner one holding the port
      const executor = supervise(
        "the background executor",
        () =>
          spawn(process.execPath, [...TSX_NODE_ARGS, "scripts/executor.ts"], {
            stdio: "inherit",
            env: { ...env, EXECUTOR_PORT: String(executorAt) },
            detached: true,
          }),
        log,
      );
      children.push(executor);
      // the app and the simulator start once it listens, so a first start sends nothing into
      // the void (events wait in the outbox anyway)
      await waitForPort(executorAt, executor);
    } else if (!process.env.INNGEST_SIGNING_KEY && !(await isEmbeddedExecutor(executorPort()))) {
      // an Inngest dev server reads no outbox: the app sends the events to it
      env.WATCHFLOOR_EVENT_RELAY = "1";
    }
    // after the executor listens: the seed's events (notification requests) reach it
    if (opts.seedIfEmpty) {
      const { seedIfEmpty } = await import("./seed-if-empty");
      await seedIfEmpty(db.url, log);
      printLogins();
    }
    // the demo simulator runs with the demo command only
    if (opts.nextArgs[0] === "dev" && process.env.WATCHFLOOR_SIMULATOR !== "0")
      children.push(
        supervise(
          "the demo simulator",
          () =>
            spawn(process.execPath, [...TSX_NODE_ARGS, "scripts/simulator.ts"], {
              stdio: "inherit",
              env,
              detached: true,
            }),
          log,
        ),
      );
    children.push(
      supervise(
        "the app",
        () =>
          spawn("./node_modules/.bin/next", [...opts.nextArgs, "-p", port], {
            stdio: "inherit",
            env: withPeerAddressStamp(env),
            detached: true,
          }),
        log,
      ),
    );
    log(`app starting at http://localhost:${port}`);
    // a crashed child is restarted (supervise); the launcher ends only when told to
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once("SIGINT", () => resolve("SIGINT"));
      process.once("SIGTERM", () => resolve("SIGTERM"));
    });
    log(`${signal}: stopping`);
    await Promise.all(children.map((c) => c.stop(signal)));
    await embedded?.stop();
    process.exit(0);
  } catch (err) {
    await embedded?.stop().catch(() => undefined);
    if (err instanceof StartupError) {
      console.error(`\n[watchfloor] ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
