/**
 * Fails when the imports of server/, inngest/ and lib/ form a circle, and names each
 * one. `npm run check:cycles`; the unit suite runs the same check (server/import-cycles.test.ts).
 */
import path from "node:path";
import { CHECKED_DIRS, findCycles, importGraph } from "./lib/import-cycles";

const root = path.resolve(import.meta.dirname, "..");
const graph = importGraph(root, CHECKED_DIRS);
const cycles = findCycles(graph);
if (cycles.length) {
  console.error(`${cycles.length} import circle(s) among ${graph.size} files:`);
  for (const c of cycles) console.error(`  ${c.join(" → ")}`);
  process.exit(1);
}
console.log(`no import circles among ${graph.size} files of ${CHECKED_DIRS.join(", ")}`);
