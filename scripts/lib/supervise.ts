import type { ChildProcess } from "node:child_process";

export type Supervised = {
  /** stops it for good (no restart) and waits for it to exit */
  stop: (signal: NodeJS.Signals) => Promise<void>;
  stopped: () => boolean;
};

/** Backoff before restarting a crashed child: 1 s doubling to 30 s, reset after a minute up. */
export const RESTART_FIRST_MS = 1_000;
const RESTART_MAX_MS = 30_000;

/**
 * Runs a child process and restarts it whenever it exits without being asked to (a crash, an
 * OOM kill, a SIGKILL), after a backoff, with a log line; the other children keep running.
 * `start` spawns it `detached`, in a process group of its own: what it started itself (next
 * dev's server process) is killed with it, before a restart, rather than left holding the port.
 */
export function supervise(
  name: string,
  start: () => ChildProcess,
  log: (line: string) => void,
): Supervised {
  let stopping = false;
  let delay = RESTART_FIRST_MS;
  let child: ChildProcess;
  let exited: Promise<void>;
  let timer: NodeJS.Timeout | null = null;
  const run = () => {
    const startedAt = Date.now();
    child = start();
    exited = new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        killGroup(child, "SIGKILL");
        resolve();
        if (stopping) return;
        if (Date.now() - startedAt > 60_000) delay = RESTART_FIRST_MS;
        log(
          `${name} exited (${signal ?? `code ${code}`}); restarting it in ${delay / 1000} s — the rest keeps running`,
        );
        timer = setTimeout(() => {
          timer = null;
          if (!stopping) run();
        }, delay);
        delay = Math.min(delay * 2, RESTART_MAX_MS);
      }),
    );
  };
  run();
  return {
    stopped: () => stopping,
    stop: async (signal) => {
      stopping = true;
      if (timer) clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) killGroup(child, signal);
      await exited;
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}
