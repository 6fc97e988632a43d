import { spawn, type ChildProcess } from "node:child_process";
import { DEMO_LOGINS, DEMO_PASSWORD } from "@/server/seed/logins";
import { ensureAuthSecret } from "./auth-secret";
import {
  portInUse,
  startEmbeddedPostgres,
  StartupError,
  type EmbeddedDb,
} from "./embedded-postgres";
import { runMigrations } from "./migrate";

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
 * Starts the embedded executor beside the app unless Inngest is configured or something
 * (a real `inngest-cli dev`, or an executor already running) listens on its address.
 */
async function startExecutorIfNeeded(env: NodeJS.ProcessEnv): Promise<ChildProcess | null> {
  if (process.env.INNGEST_SIGNING_KEY) return null;
  const port = executorPort();
  if (await portInUse(port)) {
    log(`background functions: using the Inngest dev server already on 127.0.0.1:${port}`);
    return null;
  }
  log(
    `background functions: embedded executor on 127.0.0.1:${port} (set INNGEST_SIGNING_KEY to use Inngest)`,
  );
  return spawn("./node_modules/.bin/tsx", ["scripts/executor.ts"], {
    stdio: "inherit",
    env: { ...env, EXECUTOR_PORT: String(port) },
  });
}

/**
 * `next start` with idle keep-alive connections held 65 s, not Node's 5 s: a client (a load
 * balancer, whose idle timeout is typically 60 s, or a test's HTTP client) that reuses a
 * connection just as the server closes it gets a reset instead of an answer.
 */
export const NEXT_START_ARGS = ["start", "--keepAliveTimeout", "65000"];

/** Starts the database, migrates, optionally seeds, then runs `next <command>` until it exits. */
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
    if (opts.seedIfEmpty) {
      const { seedIfEmpty } = await import("./seed-if-empty");
      await seedIfEmpty(db.url, log);
      printLogins();
    }
    const port = process.env.PORT ?? "3000";
    const env = {
      NEXT_TELEMETRY_DISABLED: "1",
      ...process.env,
      ...(await backgroundEnv()),
      DATABASE_URL: db.url,
      AUTH_SECRET: secret,
      PORT: port,
    };
    const executor = await startExecutorIfNeeded(env);
    // the demo simulator runs with the demo command only
    const simulator =
      opts.nextArgs[0] === "dev" && process.env.WATCHFLOOR_SIMULATOR !== "0"
        ? spawn("./node_modules/.bin/tsx", ["scripts/simulator.ts"], { stdio: "inherit", env })
        : null;
    const child = spawn("./node_modules/.bin/next", [...opts.nextArgs, "-p", port], {
      stdio: "inherit",
      env,
    });
    log(`app starting at http://localhost:${port}`);
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      child.kill(signal);
      executor?.kill(signal);
      simulator?.kill(signal);
    };
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
    const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 0)));
    executor?.kill("SIGTERM");
    simulator?.kill("SIGTERM");
    if (executor && executor.exitCode === null) await new Promise((r) => executor.once("exit", r));
    await embedded?.stop();
    process.exit(code);
  } catch (err) {
    await embedded?.stop().catch(() => undefined);
    if (err instanceof StartupError) {
      console.error(`\n[watchfloor] ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
