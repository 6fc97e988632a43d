import { runChild } from "./lib/run-child";

/**
 * `npm test`: every check and test suite. The static checks are one process each and mostly
 * one core each, so they run side by side (their output is kept and printed in order as each
 * ends); then the unit tests (alone: a few take seconds of CPU and have a 5 s timeout), the
 * integration suites (which run their two databases side by side themselves), the browser
 * tests, and the client bundle check. Every static check runs even when another fails, so one
 * CI run names every failure.
 */
type Step = { name: string; command: string; args: string[] };

const npmRun = (script: string): Step => ({
  name: script,
  command: "npm",
  args: ["run", "-s", script],
});

const checks: Step[] = [npmRun("typecheck"), npmRun("lint"), npmRun("format:check")];
const suites: Step[] = [
  npmRun("test:unit"),
  npmRun("test:integration"),
  npmRun("test:e2e"),
  npmRun("check:bundle"),
];

const run = (step: Step, capture: boolean) => runChild(step.command, step.args, { capture });

// a failure until shown otherwise: should a promise below never settle (a database that
// vanished under its stop), the process ends when nothing is left to run, and must not pass
process.exitCode = 1;
console.log(`[test] ${checks.map((s) => s.name).join(", ")}: side by side`);
const failed: string[] = [];
// printed in the order they were listed, each as soon as it and those before it have ended
let printed = Promise.resolve();
await Promise.all(
  checks.map((step) => {
    const result = run(step, true);
    printed = printed.then(async () => {
      const { code, output, seconds } = await result;
      console.log(`\n[test] ── ${step.name}: exit code ${code} in ${seconds} s ──`);
      process.stdout.write(output);
      if (code !== 0) failed.push(step.name);
    });
    return result;
  }),
);
await printed;
if (failed.length) {
  console.error(`\n[test] failed: ${failed.join(", ")}`);
  process.exit(1);
}

for (const step of suites) {
  console.log(`\n[test] ── ${step.name} ──`);
  const { code, seconds } = await run(step, false);
  console.log(`[test] ${step.name}: exit code ${code} in ${seconds} s`);
  if (code !== 0) process.exit(code);
}
console.log("\n[test] every check and suite passed");
process.exit(0);
