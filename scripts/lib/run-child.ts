import { spawn } from "node:child_process";

export type ChildResult = { code: number; output: string; seconds: number };

/**
 * Runs a command to its end. It prints as it goes, or with `capture` keeps its output (stdout
 * and stderr as they came) for the caller to print when it suits: two commands side by side
 * then do not interleave their lines. A command that cannot start ends with code 1.
 */
export function runChild(
  command: string,
  args: string[],
  { env = process.env, capture = false }: { env?: NodeJS.ProcessEnv; capture?: boolean } = {},
): Promise<ChildResult> {
  const started = performance.now();
  const child = spawn(command, args, {
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
    env,
  });
  const chunks: Buffer[] = [];
  child.stdout?.on("data", (c: Buffer) => chunks.push(c));
  child.stderr?.on("data", (c: Buffer) => chunks.push(c));
  return new Promise((resolve) => {
    const done = (code: number) =>
      resolve({
        code,
        output: Buffer.concat(chunks).toString("utf8"),
        seconds: Math.round((performance.now() - started) / 100) / 10,
      });
    child.on("error", (err) => {
      chunks.push(Buffer.from(`${command}: ${err.message}\n`));
      if (!capture) console.error(`${command}: ${err.message}`);
      done(1);
    });
    child.on("close", (code) => done(code ?? 1));
  });
}
