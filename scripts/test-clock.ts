import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Proves no test depends on the hour: runs the unit and integration suites under Debian's
 * `faketime` at four times of day at the Chicago test site and at a DST change. libfaketime
 * reaches every child process, the embedded PostgreSQL of `test:integration` included, so the
 * database's now() and Node's Date agree on the faked instant.
 *
 *   npm run test:clock                      # unit + integration at every instant
 *   npm run test:clock -- unit              # one suite
 *   npm run test:clock -- unit 09:30        # one suite at one instant (by label)
 */
const INSTANTS = [
  { label: "03:00", utc: "2026-12-02 09:00:00", note: "03:00 CST, a Wednesday night" },
  { label: "09:30", utc: "2026-12-02 15:30:00", note: "09:30 CST, business hours" },
  { label: "15:00", utc: "2026-12-02 21:00:00", note: "15:00 CST, business hours" },
  { label: "21:45", utc: "2026-12-03 03:45:00", note: "21:45 CST, after hours" },
  { label: "dst", utc: "2027-03-14 07:30:00", note: "01:30 CST, 30 min before clocks go forward" },
] as const;

const FAKETIME = "/usr/bin/faketime";
if (!existsSync(FAKETIME)) {
  console.error(`[test:clock] ${FAKETIME} is missing: apt-get install faketime`);
  process.exit(1);
}
const [suiteArg = "all", only] = process.argv.slice(2);
const suites = suiteArg === "all" ? ["unit", "integration"] : [suiteArg];
const instants = INSTANTS.filter((i) => !only || i.label === only);

const results: string[] = [];
let failed = 0;
for (const at of instants) {
  for (const suite of suites) {
    const command =
      suite === "unit"
        ? ["./node_modules/.bin/vitest", "run", "--project", "unit"]
        : ["./node_modules/.bin/tsx", "scripts/test-integration.ts"];
    console.log(`\n[test:clock] ${suite} at ${at.utc} UTC (${at.note})`);
    const started = Date.now();
    // an offset from the real clock, not a start time ("@…"): with a start time every process
    // (vitest's workers, PostgreSQL) would begin at the same instant whenever it started, and
    // their clocks would disagree by the seconds between their starts
    const offset = Math.round((Date.parse(`${at.utc.replace(" ", "T")}Z`) - started) / 1000);
    const r = spawnSync(FAKETIME, ["-f", `${offset >= 0 ? "+" : ""}${offset}`, ...command], {
      stdio: "inherit",
      // the faked clock is UTC; the embedded PostgreSQL gets a port of its own
      env: {
        ...process.env,
        TZ: "UTC",
        DATABASE_URL: "",
        TEST_PG_PORT: process.env.TEST_CLOCK_PG_PORT ?? "54415",
      },
    });
    const ok = r.status === 0;
    if (!ok) failed++;
    results.push(
      `${ok ? "pass" : "FAIL"}  ${suite.padEnd(11)} ${at.label.padEnd(5)} ${at.note} (${Math.round((Date.now() - started) / 1000)} s)`,
    );
  }
}
console.log(`\n[test:clock]\n${results.join("\n")}`);
process.exit(failed ? 1 : 0);
