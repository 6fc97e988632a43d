import { and, eq, inArray, sql } from "drizzle-orm";
import { DEVICE_KINDS } from "@/lib/devices";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { demoDataPresent, parseSeedParts, SEED_PART_NAMES, seedDemo } from "./index";
import { DEMO_LOGINS } from "./logins";
import { rawRows } from "@/server/db/raw";

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
    const [nw] = await db.select().from(schema.tenants).where(eq(schema.tenants.slug, "northwind"));
    const fleet = await db
      .select({ kind: schema.devices.kind })
      .from(schema.devices)
      .where(eq(schema.devices.tenantId, nw?.id ?? ""));
    expect(fleet.length).toBeGreaterThanOrEqual(200);
    expect(new Set(fleet.map((d) => d.kind))).toEqual(new Set(DEVICE_KINDS));
    // the week's stories, told by the first device run: draining batteries, the overheating
    // panel, weak signals, and the flaky gateway site as one site-level alert
    const deviceAlerts = await db
      .select({ fingerprint: schema.alerts.fingerprint, type: schema.alerts.type })
      .from(schema.alerts)
      .where(and(eq(schema.alerts.tenantId, nw?.id ?? ""), eq(schema.alerts.source, "device")));
    const kinds = new Set(deviceAlerts.map((a) => a.fingerprint.split(":").at(-1)));
    expect(
      [...kinds].filter((k) => ["battery", "device", "connectivity"].includes(k ?? "")),
    ).toHaveLength(3);
    expect(deviceAlerts.filter((a) => a.fingerprint.startsWith("site-offline:"))).toHaveLength(1);
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
    expect(new Set(users.map((u) => u.role)).size).toBe(7);

    // shifts: the demo guard signs in with the demo password, and the board has a month behind
    // it and 14 days ahead (tenant-wide counts move with the clock, so only their shape is checked)
    const [gus] = await db
      .select()
      .from(schema.users)
      .where(eq(schema.users.email, "guard@northwind.test"));
    expect(gus).toMatchObject({ role: "guard", active: true });
    // the second seed made the tenant afresh
    const [reseeded] = await db
      .select()
      .from(schema.tenants)
      .where(eq(schema.tenants.slug, "northwind"));
    const tenantId = reseeded?.id ?? "";
    const [shifts] = await rawRows<Record<string, number>>(
      db,
      sql`
      select
        count(*) filter (where starts_at < now() - interval '30 days')::int as "monthAgo",
        count(*) filter (where starts_at > now() + interval '12 days')::int as "twoWeeksAhead",
        count(*) filter (where guard_id = ${gus?.id ?? ""})::int as "gusShifts",
        -- the demo guard is on duty (or about to be) with a shift to check in to, whenever seeded
        count(*) filter (where guard_id = ${gus?.id ?? ""} and status = 'scheduled'
          and checked_in_at is null and starts_at - interval '30 minutes' <= now()
          and ends_at > now() + interval '30 minutes')::int as "gusOnDuty",
        (select count(*)::int from shift_findings f where f.tenant_id = ${tenantId}) as findings,
        (select count(*)::int from tour_checkpoints c where c.tenant_id = ${tenantId}) as checkpoints,
        (select count(*)::int from checkpoint_scans x where x.tenant_id = ${tenantId}) as scans
      from shifts where tenant_id = ${tenantId}`,
    );
    expect(shifts?.monthAgo).toBeGreaterThan(50);
    expect(shifts?.twoWeeksAhead).toBeGreaterThan(20);
    expect(shifts?.gusShifts).toBeGreaterThan(20);
    expect(shifts?.gusOnDuty).toBe(1);
    expect(shifts?.findings).toBeGreaterThan(20);
    expect(shifts?.checkpoints).toBe(12);
    expect(shifts?.scans).toBeGreaterThan(500);
    // two full demo seeds, devices with eight days of readings included: one seed alone took
    // 81 s at a load average of 10 on 2 cores, and the pair ran past 180 s beside other files
  }, 300_000);

  it("seeds the platform and the named parts only with --only, and names the valid parts", async () => {
    expect(parseSeedParts("devices, noc,devices")).toEqual(["devices", "noc"]);
    expect(parseSeedParts("platform")).toEqual(["platform"]);
    expect(() => parseSeedParts("devices,tickets")).toThrow(
      `unknown seed part "tickets"; valid parts: platform, ${SEED_PART_NAMES.join(", ")}`,
    );
    expect(() => parseSeedParts(" , ")).toThrow(/at least one part.*valid parts: platform, noc/);

    await seedDemo(db, { scale: "demo", reset: true, only: ["noc"] });
    const [nw] = await db.select().from(schema.tenants).where(eq(schema.tenants.slug, "northwind"));
    const tenantId = nw?.id ?? "";
    const [c] = await rawRows<Record<string, number>>(
      db,
      sql`
      select
        (select count(*)::int from users where tenant_id = ${tenantId}) as users,
        (select count(*)::int from sites where tenant_id = ${tenantId}) as sites,
        (select count(*)::int from alerts where tenant_id = ${tenantId}) as alerts,
        (select count(*)::int from devices where tenant_id = ${tenantId}) as devices,
        (select count(*)::int from tickets where tenant_id = ${tenantId}) as tickets,
        (select count(*)::int from shifts where tenant_id = ${tenantId}) as shifts,
        (select count(*)::int from work_orders where tenant_id = ${tenantId}) as "workOrders",
        (select count(*)::int from scorecards where tenant_id = ${tenantId}) as scorecards`,
    );
    expect(c?.users).toBeGreaterThan(0);
    expect(c?.sites).toBeGreaterThan(0);
    expect(c?.alerts).toBeGreaterThan(400);
    expect(c).toMatchObject({ devices: 0, tickets: 0, shifts: 0, workOrders: 0, scorecards: 0 });
  }, 120_000);
});
