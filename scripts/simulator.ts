import { eq } from "drizzle-orm";
import { closeDb, db, schema } from "@/server/db";
import { simulateTelemetryTick } from "@/server/services/devices/simulate";
import { simulateAlertTick } from "@/server/services/noc/simulate";
import { simulateShiftTick } from "@/server/services/shifts/simulate";
import { simulateTicketTick } from "@/server/services/sla/simulate";
import { SIMULATOR_JOB } from "@/lib/audit";
import { jobContext } from "@/server/services/_core/system";

/** The demo simulator (on with `npm run dev`): keeps the live pages moving. */
const everyMs = Number(process.env.SIMULATOR_INTERVAL_MS ?? 8000);
const [tenant] = await db
  .select({ id: schema.tenants.id })
  .from(schema.tenants)
  .where(eq(schema.tenants.slug, "northwind"));
if (!tenant) {
  console.log("[simulator] no demo tenant; nothing to simulate");
  await closeDb();
  process.exit(0);
}
console.log(
  `[simulator] a new demo alert, a ticket change, a guard check-in or scan and the devices' due readings every ~${Math.round(everyMs / 1000)} s (WATCHFLOOR_SIMULATOR=0 turns it off)`,
);
const simulator = jobContext(tenant.id, SIMULATOR_JOB);
let stopping = false;
const stop = async () => {
  stopping = true;
  await closeDb();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
while (!stopping) {
  await new Promise((r) => setTimeout(r, everyMs * (0.5 + Math.random())));
  try {
    await simulateAlertTick(simulator, new Date());
    await simulateTicketTick(simulator, new Date());
    await simulateShiftTick(simulator, new Date());
    await simulateTelemetryTick(simulator, new Date());
  } catch (err) {
    console.warn(`[simulator] ${err instanceof Error ? err.message : String(err)}`);
  }
}
