import { prepareDatabase } from "../lib/launcher";
import { runMigrations } from "../lib/migrate";
import { benchDevices } from "./devices";
import { benchEscalation } from "./escalation";
import { benchLive } from "./live";
import { benchLoad } from "./load";
import { benchNoc } from "./noc";
import { benchPaint } from "./paint";
import { benchShifts } from "./shifts";
import { benchScorecards } from "./scorecards";
import { benchSla } from "./sla";
import { benchVendors } from "./vendors";

/** `npm run bench -- <name>`: speed figures for quality.md, printed, never asserted. */
const benches: Record<string, (url: string) => Promise<void>> = {
  devices: () => benchDevices(),
  escalation: () => benchEscalation(),
  live: benchLive,
  load: () => benchLoad(),
  noc: () => benchNoc(),
  sla: () => benchSla(),
  shifts: () => benchShifts(),
  scorecards: () => benchScorecards(),
  vendors: () => benchVendors(),
};

/** Benches that only talk to a running app (BENCH_APP_URL): no database of their own. */
const appBenches: Record<string, () => Promise<void>> = { paint: benchPaint };

const name = process.argv[2];
const appBench = name ? appBenches[name] : undefined;
if (appBench) {
  await appBench();
  process.exit(0);
}
const bench = name ? benches[name] : undefined;
if (!bench) {
  const names = [...Object.keys(benches), ...Object.keys(appBenches)];
  console.error(`usage: npm run bench -- <${names.join("|")}>`);
  process.exit(2);
}
const { url, embedded } = await prepareDatabase();
process.env.DATABASE_URL = url;
await runMigrations(url);
await bench(url);
await embedded?.stop();
process.exit(0);
