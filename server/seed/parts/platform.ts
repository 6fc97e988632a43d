import { inArray } from "drizzle-orm";
import { landingFor } from "@/lib/navigation";
import type { Role } from "@/lib/roles";
import type { Tier } from "@/lib/tiers";
import { schema } from "@/server/db";
import { hashPassword } from "@/server/services/auth/password";
import { DEMO_LOGINS, DEMO_PASSWORD } from "../logins";
import type { SeedContext, SeedPart } from "../types";
import {
  BLUEFIN_CLIENTS,
  DEFAULT_GROUPS,
  EXTRA_NORTHWIND_USERS,
  NORTHWIND_CLIENTS,
  type ClientSeed,
} from "./platform-data";

async function seedTenant(
  ctx: SeedContext,
  t: {
    slug: string;
    name: string;
    clients: ClientSeed[];
    users: { email: string; name: string; role: Role; active?: boolean }[];
  },
) {
  const { db } = ctx;
  const [tenant] = await db
    .insert(schema.tenants)
    .values({ slug: t.slug, name: t.name })
    .returning();
  if (!tenant) throw new Error("tenant insert failed");
  const siteIds = new Map<string, string>();
  const clientIds = new Map<string, string>();
  for (const c of t.clients) {
    const [client] = await db
      .insert(schema.clients)
      .values({
        tenantId: tenant.id,
        name: c.name,
        tier: c.tier,
        executiveRecipients: c.recipients,
        contractTargets: {
          slaMetPct: c.slaMetPct,
          alarmResponseMinutes: c.tier === "gold" ? 5 : 10,
          shiftFillPct: 98,
        },
      })
      .returning();
    if (!client) throw new Error("client insert failed");
    clientIds.set(c.name, client.id);
    const sites = await db
      .insert(schema.sites)
      .values(
        c.sites.map((s) => ({
          tenantId: tenant.id,
          clientId: client.id,
          name: s.name,
          address: s.address,
          phone: s.phone,
          timeZone: s.tz,
          latitude: s.lat,
          longitude: s.lon,
          geofenceRadiusM: ctx.random.pick([100, 150, 200, 250]),
          criticality: s.crit,
        })),
      )
      .returning({ id: schema.sites.id, name: schema.sites.name });
    for (const s of sites) siteIds.set(s.name, s.id);
  }
  const hashes = await Promise.all(t.users.map(() => hashPassword(DEMO_PASSWORD)));
  const users = await db
    .insert(schema.users)
    .values(
      t.users.map((u, i) => ({
        tenantId: tenant.id,
        email: u.email,
        name: u.name,
        role: u.role,
        passwordHash: hashes[i] ?? "",
        active: u.active ?? true,
      })),
    )
    .returning({ id: schema.users.id, email: schema.users.email, role: schema.users.role });
  const userIds = new Map(users.map((u) => [u.email, u.id]));
  const roleOf = new Map(users.map((u) => [u.id, u.role]));
  const groups = await db
    .insert(schema.groups)
    .values(DEFAULT_GROUPS.map((g) => ({ tenantId: tenant.id, ...g })))
    .returning({ id: schema.groups.id, name: schema.groups.name });
  const groupIds = new Map(groups.map((g) => [g.name, g.id]));
  // The demo tenant's history starts with its own creation, as a real one's would.
  const created = (entityType: string, ids: Map<string, string>) =>
    [...ids].map(([name, entityId]) => ({
      tenantId: tenant.id,
      actorType: "system" as const,
      actorId: "demo-seed",
      actorLabel: "demo data",
      action: `${entityType}.create`,
      entityType,
      entityId,
      after: { name },
    }));
  await db
    .insert(schema.auditLog)
    .values([
      ...created("client", clientIds),
      ...created("site", siteIds),
      ...created("user", new Map(t.users.map((u) => [u.name, need(userIds, u.email)]))),
      ...created("group", groupIds),
    ]);
  return { tenant, siteIds, clientIds, userIds, groupIds, roleOf };
}

function need(map: Map<string, string>, key: string): string {
  const v = map.get(key);
  if (!v) throw new Error(`seed: unknown ${key}`);
  return v;
}

export const platformPart: SeedPart = {
  name: "platform",
  async demo(ctx) {
    const nw = await seedTenant(ctx, {
      slug: "northwind",
      name: "Northwind Security",
      clients: NORTHWIND_CLIENTS,
      users: [...DEMO_LOGINS.filter((l) => l.tenant === "northwind"), ...EXTRA_NORTHWIND_USERS],
    });
    const bf = await seedTenant(ctx, {
      slug: "bluefin",
      name: "Bluefin Facilities",
      clients: BLUEFIN_CLIENTS,
      users: DEMO_LOGINS.filter((l) => l.tenant === "bluefin"),
    });
    const u = (email: string) => need(nw.userIds, email);
    await ctx.db.insert(schema.userScopes).values([
      {
        tenantId: nw.tenant.id,
        userId: u("manager@northwind.test"),
        clientId: need(nw.clientIds, "Acme Logistics"),
      },
      {
        tenantId: nw.tenant.id,
        userId: u("manager@northwind.test"),
        siteId: need(nw.siteIds, "Meridian Mall Atlanta"),
      },
      {
        tenantId: nw.tenant.id,
        userId: u("priya.shah@northwind.test"),
        clientId: need(nw.clientIds, "Harbor Health"),
      },
      {
        tenantId: nw.tenant.id,
        userId: u("executive@northwind.test"),
        clientId: need(nw.clientIds, "Acme Logistics"),
      },
      {
        tenantId: nw.tenant.id,
        userId: u("executive@northwind.test"),
        clientId: need(nw.clientIds, "Summit Data Centers"),
      },
    ]);
    const g = (name: string) => need(nw.groupIds, name);
    const members: [string, string][] = [
      ["IoT Specialists", "specialist@northwind.test"],
      ["IoT Specialists", "ivan.petrov@northwind.test"],
      ["Security Team", "lena.ortiz@northwind.test"],
      ["Security Team", "operator@northwind.test"],
      ["Helpdesk Supervisors", "supervisor@northwind.test"],
      ["Helpdesk Supervisors", "hugo.brandt@northwind.test"],
      ["Emergency Response", "supervisor@northwind.test"],
      ["Emergency Response", "lena.ortiz@northwind.test"],
      ["Emergency Response", "noah.patel@northwind.test"],
    ];
    await ctx.db.insert(schema.groupMembers).values(
      members.map(([group, email]) => ({
        tenantId: nw.tenant.id,
        groupId: g(group),
        userId: u(email),
      })),
    );
    for (const t of [nw, bf]) {
      await ctx.db.insert(schema.notifications).values(
        [...t.userIds.values()].map((userId) => ({
          tenantId: t.tenant.id,
          channel: "in_app" as const,
          recipient: userId,
          userId,
          subject: "Welcome to Watchfloor",
          body: "Your console is ready. The bell shows alerts routed to you, escalations and job failures as they happen.",
          // each to the page the role starts on (a guard cannot open the overview)
          link: landingFor(t.roleOf.get(userId) ?? "admin"),
          dedupeKey: `welcome:${userId}`,
          status: "sent" as const,
          sentAt: new Date(),
        })),
      );
    }
    ctx.tenants.set("northwind", nw.tenant.id);
    ctx.tenants.set("bluefin", bf.tenant.id);
  },

  /** --scale large: 200 clients / 1,000 sites in the Northwind tenant (quality.md). */
  async large(ctx) {
    const tenantId = ctx.tenants.get("northwind");
    if (!tenantId) throw new Error("large seed needs the demo tenant");
    const zones = [
      "America/New_York",
      "America/Chicago",
      "America/Denver",
      "America/Phoenix",
      "America/Los_Angeles",
      "Europe/London",
      "Europe/Berlin",
      "Asia/Singapore",
    ];
    const tiers: Tier[] = ["none", "bronze", "silver", "silver", "gold"];
    const existing = NORTHWIND_CLIENTS.length;
    const perClient = 5;
    // clients of long standing, like the demo's: every past month's scorecard covers them
    const since = new Date(Date.UTC(new Date().getUTCFullYear() - 1, 0, 1));
    for (let batch = existing; batch < 200; batch += 50) {
      const count = Math.min(50, 200 - batch);
      const clients = await ctx.db
        .insert(schema.clients)
        .values(
          Array.from({ length: count }, (_, i) => ({
            tenantId,
            name: `Client ${String(batch + i + 1).padStart(3, "0")} Holdings`,
            tier: ctx.random.pick(tiers),
            executiveRecipients: [`exec${batch + i + 1}@clients.test`],
            contractTargets: { slaMetPct: 95 },
            createdAt: since,
          })),
        )
        .returning({ id: schema.clients.id, name: schema.clients.name });
      await ctx.db.insert(schema.sites).values(
        clients.flatMap((c) =>
          Array.from({ length: perClient }, (_, j) => ({
            tenantId,
            clientId: c.id,
            name: `${c.name.replace(" Holdings", "")} Site ${j + 1}`,
            address: `${ctx.random.int(1, 9999)} Market St`,
            timeZone: ctx.random.pick(zones),
            latitude: ctx.random.int(-60, 60) + ctx.random.next(),
            longitude: ctx.random.int(-170, 170) + ctx.random.next(),
            geofenceRadiusM: 150,
            criticality: ctx.random.int(1, 5),
          })),
        ),
      );
    }
    const total = await ctx.db
      .select({ id: schema.sites.id })
      .from(schema.sites)
      .where(inArray(schema.sites.tenantId, [tenantId]));
    ctx.log(`platform: ${total.length} sites in the large tenant`);
  },
};
