import { readdirSync, readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db";
import { rawRows } from "@/server/db/raw";

/**
 * CPU time next to wall time: the machine is shared, so a wall-clock ratio moves with other
 * people's load while CPU seconds do not. PostgreSQL's CPU is read from /proc (Linux, a server
 * on this machine): the postmaster's reaped children (parallel workers, finished backends)
 * plus every live child (this process's connections). Elsewhere it reads as null.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

function ticksOf(pid: number, fields: number[]): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // the command may hold spaces: the fields after its closing parenthesis, from field 3
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields.reduce((s, f) => s + Number(rest[f - 3] ?? 0), 0);
}

function ppidOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

/** The postmaster of the server `db` talks to, when it runs on this machine; else null. */
export async function postmasterOf(db: DbOrTx): Promise<number | null> {
  try {
    const [r] = await rawRows<{ pid: number }>(db, sql`select pg_backend_pid() as pid`);
    const pm = r ? ppidOf(r.pid) : 0;
    return pm > 1 && readFileSync(`/proc/${pm}/comm`, "utf8").startsWith("postgres") ? pm : null;
  } catch {
    return null;
  }
}

/** The live children of `root` (a scan of /proc: a few hundred entries). */
function childrenOf(root: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === root) continue;
    try {
      if (ppidOf(pid) === root) out.push(pid);
    } catch {
      // gone meanwhile: its time is in the parent's cutime once reaped
    }
  }
  return out;
}

/**
 * CPU milliseconds of `root` and its children so far: its own time and its reaped children's
 * (cutime, cstime), plus the given /proc stat fields of each live child.
 */
function cpuOfTree(root: number, childFields: number[]): number | null {
  try {
    let ticks = ticksOf(root, [14, 15, 16, 17]);
    for (const pid of childrenOf(root)) {
      try {
        ticks += ticksOf(pid, childFields);
      } catch {
        // gone meanwhile
      }
    }
    return ticks * TICK_MS;
  } catch {
    return null;
  }
}

/** CPU milliseconds PostgreSQL has used so far (utime+stime of live children, cutime+cstime). */
export function pgCpuMs(postmaster: number | null): number | null {
  return postmaster === null ? null : cpuOfTree(postmaster, [14, 15]);
}

/** CPU milliseconds of a process and its live children so far (e.g. `next start` and its server). */
export function treeCpuMs(root: number): number | null {
  return cpuOfTree(root, [14, 15, 16, 17]);
}

export type CpuSpan = { wallMs: number; nodeMs: number; pgMs: number | null };

/** Wall, this process's CPU and PostgreSQL's CPU over `work`. */
export async function measured<T>(
  postmaster: number | null,
  work: () => Promise<T>,
): Promise<{ value: T; span: CpuSpan }> {
  const pg0 = pgCpuMs(postmaster);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const pg1 = pgCpuMs(postmaster);
  return {
    value,
    span: {
      wallMs,
      nodeMs: (c.user + c.system) / 1000,
      pgMs: pg0 === null || pg1 === null ? null : pg1 - pg0,
    },
  };
}

export const cpuText = (s: CpuSpan) =>
  `${s.wallMs.toFixed(0)} ms wall, CPU ${s.pgMs === null ? "?" : s.pgMs.toFixed(0)} ms PostgreSQL + ${s.nodeMs.toFixed(0)} ms Node`;
