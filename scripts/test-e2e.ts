/**
 * Browser tests end to end: a fresh embedded PostgreSQL with the demo data, a production build
 * served by `next start`, then Playwright against it. Extra CLI arguments go to `playwright test`
 * (e.g. `npm run test:e2e -- e2e/auth --headed`).
 *
 * Environment:
 *   E2E_PORT          port for `next start` (default 3100)
 *   E2E_PG_PORT       port for the embedded PostgreSQL (default 54331)
 *   E2E_DATABASE_URL  use this PostgreSQL instead of the embedded one (its demo tenants are reset)
 *   E2E_SKIP_BUILD=1  reuse an existing production build (.next/BUILD_ID)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, readFileSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { chromium } from "@playwright/test";
import { closeDb, db, rawSql } from "@/server/db";
import { seedDemo } from "@/server/seed";
import { findTokenLeaks } from "@/server/services/vendors/token-leaks";
import { startEmbeddedPostgres, StartupError, type EmbeddedDb } from "./lib/embedded-postgres";
import { NEXT_START_ARGS, withPeerAddressStamp } from "./lib/launcher";
import { runMigrations } from "./lib/migrate";
import { TSX_NODE_ARGS } from "./lib/tsx-node-args";

const PG_DATA_DIR = ".data/e2e-pg";
const EXECUTOR_LOG = ".data/e2e-executor.log";
const DIST_DIR = ".next-e2e";
const SERVER_LOG = ".data/e2e-server.log";
const READY_TIMEOUT_MS = 120_000;
const DEBIAN_CHROMIUM = "/usr/bin/chromium";

const log = (line: string) => console.log(`[e2e] ${line}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

class E2eError extends Error {}

function findChromium(): string {
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return bundled;
  throw new E2eError(
    "No Chromium found: install Debian's chromium (apt-get install chromium) or run `npx playwright install chromium`",
  );
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new E2eError(`Timed out after ${seconds(timeoutMs)}: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function issuedTokenHashes(url: string): Promise<Set<string>> {
  process.env.DATABASE_URL = url;
  try {
    const rows = await rawSql()<{ token_hash: string }[]>`select token_hash from vendor_tokens`;
    return new Set(rows.map((r) => r.token_hash));
  } finally {
    await closeDb();
  }
}

/**
 * Vendor tokens are keys: the server's and the executor's logs of the run must hold none
 * (neither a token the run issued nor a portal path). Returns the number of leaks found.
 */
function checkLogsForTokens(hashes: ReadonlySet<string>): number {
  let leaks = 0;
  for (const file of [SERVER_LOG, EXECUTOR_LOG]) {
    if (!existsSync(file)) continue;
    const found = findTokenLeaks(readFileSync(file, "utf8"), hashes);
    leaks += found.length;
    if (found.length) {
      console.error(
        `[e2e] ${file} contains vendor tokens or portal paths:\n  ${found.join("\n  ")}`,
      );
    }
  }
  log(
    leaks
      ? `FAILED: ${leaks} log lines carry a vendor token (${hashes.size} tokens issued)`
      : `logs checked: no vendor token of the ${hashes.size} issued in this run`,
  );
  return leaks;
}

/** A PostgreSQL left running by an earlier run that was killed holds the data dir: stop it. */
async function stopLeftoverPostgres(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return;
  log(`stopping the PostgreSQL left running by an earlier e2e run (pid ${pid})`);
  process.kill(pid, "SIGINT"); // fast shutdown
  await until(() => !processAlive(pid), 30_000, `PostgreSQL pid ${pid} to stop`);
}

async function prepareDatabase(): Promise<{ url: string; embedded: EmbeddedDb | null }> {
  // DATABASE_URL in the environment belongs to the integration tests; never use it here.
  const external = process.env.E2E_DATABASE_URL;
  if (external) {
    log("using the PostgreSQL at E2E_DATABASE_URL");
    return { url: external, embedded: null };
  }
  const port = Number(process.env.E2E_PG_PORT ?? 54331);
  await stopLeftoverPostgres(path.resolve(PG_DATA_DIR));
  rmSync(PG_DATA_DIR, { recursive: true, force: true });
  log(`starting a fresh embedded PostgreSQL on 127.0.0.1:${port} (data in ${PG_DATA_DIR})`);
  const embedded = await startEmbeddedPostgres({
    dataDir: PG_DATA_DIR,
    port,
    database: "watchfloor_e2e",
    log: (line) => log(`  ${line}`),
  });
  return { url: embedded.url, embedded };
}

async function seed(url: string, reset: boolean) {
  process.env.DATABASE_URL = url;
  try {
    await seedDemo(db, { scale: "demo", reset });
    // A reused database keeps sign-in failures from earlier runs; start with none.
    if (reset) await rawSql()`delete from sign_in_throttle`;
  } finally {
    await closeDb();
  }
}

/** The foreground child (next build, playwright), which a signal to this script must stop too. */
let foreground: ChildProcess | null = null;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    foreground = child;
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (foreground === child) foreground = null;
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function build(env: NodeJS.ProcessEnv) {
  if (process.env.E2E_SKIP_BUILD === "1" && existsSync(`${DIST_DIR}/BUILD_ID`)) {
    log("E2E_SKIP_BUILD=1: reusing the production build in .next");
    return;
  }
  log("building for production (next build)…");
  const started = Date.now();
  const code = await run("./node_modules/.bin/next", ["build"], env);
  if (code !== 0) throw new E2eError(`next build failed (exit code ${code})`);
  log(`build finished in ${seconds(Date.now() - started)}`);
}

type Server = { child: ChildProcess; exited: Promise<void>; hasExited: () => boolean };

/**
 * Starts a long-running helper process (the app, the executor) on a port, in its own process
 * group so stopping it also stops anything it forked, with its output in a log file.
 */
async function startProcess(opts: {
  what: string;
  port: number;
  portEnv: string;
  cmd: string;
  args: string[];
  logFile: string;
  env: NodeJS.ProcessEnv;
}): Promise<Server> {
  if (await portInUse(opts.port)) {
    throw new E2eError(
      `Port ${opts.port} is already in use, so ${opts.what} cannot start for the browser tests. Choose another with ${opts.portEnv}.`,
    );
  }
  await mkdir(path.dirname(opts.logFile), { recursive: true });
  const out = createWriteStream(opts.logFile);
  const child = spawn(opts.cmd, opts.args, {
    env: opts.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  let exited = false;
  const exitedP = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  log(`starting ${opts.what} on port ${opts.port} (log: ${opts.logFile})`);
  return { child, exited: exitedP, hasExited: () => exited };
}

const startServer = (port: number, env: NodeJS.ProcessEnv) =>
  startProcess({
    what: "the app",
    port,
    portEnv: "E2E_PORT",
    cmd: "./node_modules/.bin/next",
    args: [...NEXT_START_ARGS, "-p", String(port)],
    logFile: SERVER_LOG,
    env: withPeerAddressStamp(env),
  });

/** The embedded executor, so background functions (and "Run now") work in the browser tests. */
const startExecutor = (port: number, env: NodeJS.ProcessEnv) =>
  startProcess({
    what: "the embedded executor",
    port,
    portEnv: "E2E_EXECUTOR_PORT",
    cmd: process.execPath,
    args: [...TSX_NODE_ARGS, "scripts/executor.ts"],
    logFile: EXECUTOR_LOG,
    env,
  });

async function waitUntilReady(server: Server, baseURL: string) {
  const started = Date.now();
  try {
    await until(
      async () => {
        if (server.hasExited()) throw new E2eError("next start exited before it answered");
        try {
          const res = await fetch(`${baseURL}/login`, {
            redirect: "manual",
            signal: AbortSignal.timeout(5_000),
          });
          return res.status === 200;
        } catch {
          return false;
        }
      },
      READY_TIMEOUT_MS,
      `GET ${baseURL}/login never answered 200`,
    );
  } catch (err) {
    const tail = existsSync(SERVER_LOG)
      ? readFileSync(SERVER_LOG, "utf8").split("\n").slice(-30).join("\n")
      : "";
    if (tail) console.error(`[e2e] last lines of ${SERVER_LOG}:\n${tail}`);
    throw err;
  }
  log(`app answered in ${seconds(Date.now() - started)}`);
}

async function stopServer(server: Server) {
  if (server.hasExited() || server.child.pid === undefined) return;
  const group = -server.child.pid;
  try {
    process.kill(group, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(group, "SIGKILL");
    } catch {
      // already gone
    }
  }, 10_000);
  await server.exited;
  clearTimeout(timer);
}

async function main(): Promise<number> {
  const chromiumPath = findChromium();
  const port = Number(process.env.E2E_PORT ?? 3100);
  const baseURL = `http://localhost:${port}`;
  let embedded: EmbeddedDb | null = null;
  let server: Server | null = null;
  let executor: Server | null = null;
  const executorPort = Number(process.env.E2E_EXECUTOR_PORT ?? 18288);

  let stopping = false;
  const cleanup = async () => {
    if (executor) await stopServer(executor).catch(() => undefined);
    executor = null;
    if (server) await stopServer(server).catch(() => undefined);
    server = null;
    if (embedded) await embedded.stop().catch(() => undefined);
    embedded = null;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the tests, the app and the database`);
    const child = foreground;
    const childDone = child
      ? new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) resolve();
          else child.once("exit", () => resolve());
          child.kill(signal);
        })
      : Promise.resolve();
    void childDone.then(cleanup).finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    const prepared = await prepareDatabase();
    embedded = prepared.embedded;
    await runMigrations(prepared.url);
    log("migrations applied");
    const seedStarted = Date.now();
    await seed(prepared.url, !embedded);
    log(`demo data seeded in ${seconds(Date.now() - seedStarted)}`);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: prepared.url,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: DIST_DIR,
      PORT: String(port),
      INNGEST_DEV: "1",
      INNGEST_BASE_URL: `http://127.0.0.1:${executorPort}`,
      EXECUTOR_PORT: String(executorPort),
    };
    delete env.INNGEST_SIGNING_KEY;
    await build(env);
    server = await startServer(port, env);
    await waitUntilReady(server, baseURL);
    executor = await startExecutor(executorPort, env);

    log(`running Playwright with ${chromiumPath}`);
    const started = Date.now();
    const code = await run("./node_modules/.bin/playwright", ["test", ...process.argv.slice(2)], {
      ...process.env,
      DATABASE_URL: prepared.url,
      E2E_BASE_URL: baseURL,
      E2E_CHROMIUM: chromiumPath,
    });
    log(`Playwright finished in ${seconds(Date.now() - started)} (exit code ${code})`);
    const hashes = await issuedTokenHashes(prepared.url);
    // stopped first, so every line they wrote is in the logs
    await stopServer(executor);
    await stopServer(server);
    const leaks = checkLogsForTokens(hashes);
    return code === 0 && leaks > 0 ? 1 : code;
  } finally {
    await cleanup();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    if (err instanceof E2eError || err instanceof StartupError) {
      console.error(`\n[e2e] ${err.message}\n`);
    } else {
      console.error(err);
    }
    process.exit(1);
  });
