import { eq, inArray, sql } from "drizzle-orm";
import { schema, type Db } from "@/server/db";
import { devicesPart } from "./parts/devices";
import { nocPart } from "./parts/noc";
import { platformPart } from "./parts/platform";
import { playbooksPart } from "./parts/playbooks";
import { shiftsPart } from "./parts/shifts";
import { scorecardsPart } from "./parts/scorecards";
import { slaPart } from "./parts/sla";
import { vendorsPart } from "./parts/vendors";
import { Random } from "./random";
import type { SeedContext, SeedPart } from "./types";

const PARTS: SeedPart[] = [
  platformPart,
  nocPart,
  slaPart,
  vendorsPart,
  shiftsPart,
  devicesPart,
  playbooksPart,
  scorecardsPart,
];
export const DEMO_TENANT_SLUGS = ["northwind", "bluefin"];

export async function demoDataPresent(db: Db): Promise<boolean> {
  const rows = await db
    .select({ id: schema.tenants.id })
    .from(schema.tenants)
    .where(eq(schema.tenants.slug, "northwind"))
    .limit(1);
  return rows.length > 0;
}

/** Writes the demo tenants (and with `large`, the benchmark-sized data) in one transaction. */
export async function seedDemo(
  db: Db,
  opts: { scale: "demo" | "large"; reset?: boolean; log?: (line: string) => void },
) {
  const log = opts.log ?? (() => undefined);
  await db.transaction(async (tx) => {
    if (opts.reset) {
      // readings and rollups hang off devices without a foreign key (ingestion speed)
      const demoDevices = sql`(select d.id from devices d join tenants t on t.id = d.tenant_id
        where t.slug in (select jsonb_array_elements_text(${JSON.stringify(DEMO_TENANT_SLUGS)}::jsonb)))`;
      await tx.execute(sql`delete from telemetry where device_id in ${demoDevices}`);
      await tx.execute(sql`delete from telemetry_hourly where device_id in ${demoDevices}`);
      await tx.delete(schema.tenants).where(inArray(schema.tenants.slug, DEMO_TENANT_SLUGS));
    }
    const ctx: SeedContext = {
      db: tx as unknown as Db,
      random: new Random(20261128),
      tenants: new Map(),
      log,
    };
    for (const part of PARTS) {
      await part.demo(ctx);
      log(`seeded ${part.name}`);
    }
    if (opts.scale === "large") {
      for (const part of PARTS) {
        if (part.large) {
          await part.large(ctx);
          log(`seeded ${part.name} (large)`);
        }
      }
    }
  });
  // bulk loads leave the planner without statistics until autovacuum gets round to it
  if (opts.scale === "large") {
    await db.execute(sql`analyze`);
    log("analyzed");
  }
}
