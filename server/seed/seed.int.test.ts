import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { demoDataPresent, seedDemo } from "./index";
import { DEMO_LOGINS } from "./logins";

describe("demo seed", () => {
  it("makes a believable tenant, the same every time", async () => {
    const counts = async () => {
      const [nw] = await db
        .select()
        .from(schema.tenants)
        .where(eq(schema.tenants.slug, "northwind"));
      const clients = await db
        .select()
        .from(schema.clients)
        .where(eq(schema.clients.tenantId, nw?.id ?? ""));
      const sites = await db
        .select()
        .from(schema.sites)
        .where(eq(schema.sites.tenantId, nw?.id ?? ""));
      return {
        clients: clients.map((c) => `${c.name}:${c.tier}`).sort(),
        zones: [...new Set(sites.map((s) => s.timeZone))].sort(),
        radii: sites.map((s) => `${s.name}:${s.geofenceRadiusM}`).sort(),
      };
    };
    await seedDemo(db, { scale: "demo", reset: true });
    expect(await demoDataPresent(db)).toBe(true);
    const first = await counts();
    await seedDemo(db, { scale: "demo", reset: true });
    expect(await counts()).toEqual(first);
    expect(new Set(first.clients.map((c) => c.split(":")[1]))).toEqual(
      new Set(["none", "bronze", "silver", "gold"]),
    );
    expect(first.zones.length).toBeGreaterThanOrEqual(4);
    const users = await db
      .select()
      .from(schema.users)
      .where(
        inArray(
          schema.users.email,
          DEMO_LOGINS.map((l) => l.email),
        ),
      );
    expect(users).toHaveLength(DEMO_LOGINS.length);
    expect(new Set(users.map((u) => u.role)).size).toBe(6);
    // it seeds the demo tenant twice: well over the default 30 s on a busy machine
  }, 120_000);
});
