import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { supervise } from "../../../scripts/lib/supervise";

describe("the launcher's supervision", () => {
  it("restarts a child killed with SIGKILL, after a backoff and a log line, and stops it for good when asked", async () => {
    const pids: number[] = [];
    const lines: string[] = [];
    const child = supervise(
      "the sleeper",
      () => {
        const p = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], {
          detached: true,
          stdio: "ignore",
        });
        if (p.pid) pids.push(p.pid);
        return p;
      },
      (line) => lines.push(line),
    );
    expect(pids).toHaveLength(1);
    process.kill(pids[0] ?? 0, "SIGKILL");
    const end = Date.now() + 10_000;
    while (pids.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(pids).toHaveLength(2);
    expect(lines.join("\n")).toMatch(/the sleeper exited \(SIGKILL\); restarting it in 1 s/);

    await child.stop("SIGTERM");
    await new Promise((r) => setTimeout(r, 1_500));
    expect(pids).toHaveLength(2); // not restarted after a stop
    expect(() => process.kill(pids[1] ?? 0, 0)).toThrow();
  });
});
