import { mkdirSync, rmSync } from "node:fs";
import { startEmbeddedPostgres, StartupError } from "./lib/embedded-postgres";
import { runChild } from "./lib/run-child";

/**
 * Runs the integration project against a fresh embedded PostgreSQL and, when DATABASE_URL is
 * set (CI sets the machine's PostgreSQL 15), against that server too — both at once. Vitest
 * runs one file at a time on a two-core machine, and a suite keeps about one core busy (its
 * own process and its database), so the two side by side take the time of one. The embedded
 * run prints as it goes; the other run's output is kept and printed after both.
 */
function vitest(url: string, label: string, extraEnv: Record<string, string>, capture = false) {
  console.log(`\n[integration] running against ${label}${capture ? " (printed when done)" : ""}`);
  return runChild(
    "./node_modules/.bin/vitest",
    ["run", "--project", "integration", ...process.argv.slice(2)],
    { env: { ...process.env, DATABASE_URL: url, ...extraEnv }, capture },
  );
}

// a failure until shown otherwise: should a promise below never settle (a database that
// vanished under its stop), the process ends when nothing is left to run, and must not pass
process.exitCode = 1;
const external = process.env.DATABASE_URL;
const port = Number(process.env.TEST_PG_PORT ?? 54330);
// one data folder per port: two runs side by side in one checkout keep out of each other's way
const dataDir = `.data/test-pg-${port}`;
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(".data", { recursive: true });

let pg: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
try {
  pg = await startEmbeddedPostgres({
    dataDir,
    port,
    database: "watchfloor_test",
  });
} catch (err) {
  if (err instanceof StartupError) {
    console.error(`[integration] ${err.message}`);
    process.exit(1);
  }
  throw err;
}

const externalLabel = external
  ? `DATABASE_URL (${external.replace(/:[^:@/]+@/, ":***@")})`
  : undefined;
const [embedded, other] = await Promise.all([
  vitest(pg.url, "the embedded PostgreSQL", {}).finally(() => pg.stop()),
  external && externalLabel
    ? // the crash tests bring their own throwaway PostgreSQL (on fixed ports): once is enough
      vitest(external, externalLabel, { SKIP_CRASH_TESTS: "1" }, true)
    : null,
]);
const embeddedCode = embedded.code;
const externalCode = other?.code ?? 0;
if (other) {
  console.log(`\n[integration] ${externalLabel}, exit code ${externalCode}:\n`);
  process.stdout.write(other.output);
}
console.log(
  `[integration] embedded PostgreSQL: exit code ${embeddedCode}` +
    (external ? `; DATABASE_URL: exit code ${externalCode}` : ""),
);
process.exit(embeddedCode || externalCode ? 1 : 0);
