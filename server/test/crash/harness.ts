import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type EmbeddedDb, startEmbeddedPostgres } from "../../../scripts/lib/embedded-postgres";
import { runMigrations } from "../../../scripts/lib/migrate";
import { TSX_NODE_ARGS } from "@/scripts/lib/tsx-node-args";

/**
 * Process-level crash tests: a throwaway embedded PostgreSQL (which a test may SIGKILL and
 * start again) and child processes (the executor, an alert intake) to SIGKILL.
 */
export async function throwawayDatabase(port: number) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "watchfloor-crash-"));
  let pg: EmbeddedDb = await startEmbeddedPostgres({ dataDir, port, database: "crash" });
  await runMigrations(pg.url);
  return {
    url: pg.url,
    /** SIGKILLs the postmaster and its backends, as a crash would */
    kill() {
      const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
      const backends = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)])
        .toString()
        .trim()
        .split(/\s+/)
        .map(Number)
        .filter((p) => p > 0);
      process.kill(pid, "SIGKILL");
      for (const b of backends) {
        try {
          process.kill(b, "SIGKILL");
        } catch {
          // already gone
        }
      }
    },
    async restart() {
      pg = await startEmbeddedPostgres({ dataDir, port, database: "crash" });
    },
    async stop() {
      await pg.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Child = { proc: ChildProcess; output: () => string; exited: Promise<number | null> };

/**
 * Runs a TypeScript entry point in one node process (tsx as a loader: the tsx command would
 * put a second process in between, and SIGKILL would leave the real one running); its output
 * is kept for the test to read.
 */
export function runTs(file: string, env: Record<string, string>): Child {
  const proc = spawn(process.execPath, [...TSX_NODE_ARGS, file], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout?.on("data", (b: Buffer) => (out += b.toString()));
  proc.stderr?.on("data", (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  return { proc, output: () => out, exited };
}

export async function killChild(child: Child | null | undefined): Promise<void> {
  if (!child || child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill("SIGKILL");
  await child.exited;
}

/** Polls `check` until it returns true; fails after `ms`. */
export async function until(check: () => Promise<boolean>, ms: number, what: string) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

/** The embedded executor as a child process on a throwaway database, serving the functions itself. */
export function startExecutor(databaseUrl: string, port: string): Child {
  return runTs("scripts/executor.ts", {
    DATABASE_URL: databaseUrl,
    EXECUTOR_PORT: port,
    INNGEST_DEV: "1",
    INNGEST_BASE_URL: `http://127.0.0.1:${port}`,
  });
}
