import { randomUUID } from "node:crypto";
import type { Session } from "next-auth";
import type { Role } from "@/lib/roles";
import { createCaller } from "@/server/api/root";
import { db, schema } from "@/server/db";
import type { ServiceCtx, UserActor } from "@/server/services/_core/context";
import { resolveScope } from "@/server/services/_core/scope";
import { hashPassword } from "@/server/services/auth/password";

export const TEST_PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | null = null;

export type TestUser = { id: string; tenantId: string; role: Role; email: string; name: string };

/** A fresh tenant with two clients (gold and bronze), three sites and one user per role. */
export async function createTestTenant(label = "t") {
  const suffix = randomUUID().slice(0, 8);
  const [tenant] = await db
    .insert(schema.tenants)
    .values({ slug: `${label}-${suffix}`, name: `Tenant ${label} ${suffix}` })
    .returning();
  if (!tenant) throw new Error("no tenant");
  const [gold, bronze] = await db
    .insert(schema.clients)
    .values([
      { tenantId: tenant.id, name: "Gold Client", tier: "gold" as const },
      { tenantId: tenant.id, name: "Bronze Client", tier: "bronze" as const },
    ])
    .returning();
  if (!gold || !bronze) throw new Error("no clients");
  const site = (clientId: string, name: string, timeZone: string) => ({
    tenantId: tenant.id,
    clientId,
    name,
    timeZone,
    latitude: 41.88,
    longitude: -87.63,
  });
  const sites = await db
    .insert(schema.sites)
    .values([
      site(gold.id, "Gold HQ", "America/Chicago"),
      site(gold.id, "Gold Depot", "America/New_York"),
      site(bronze.id, "Bronze Store", "Europe/London"),
    ])
    .returning();
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const roles: Role[] = [
    "admin",
    "supervisor",
    "noc_operator",
    "specialist",
    "site_manager",
    "executive",
    "guard",
  ];
  const users = await db
    .insert(schema.users)
    .values(
      roles.map((role) => ({
        tenantId: tenant.id,
        role,
        name: `${role} ${suffix}`,
        email: `${role}.${suffix}@${label}.test`,
        passwordHash: hash,
      })),
    )
    .returning();
  const byRole = Object.fromEntries(users.map((u) => [u.role, u as TestUser])) as Record<
    Role,
    TestUser
  >;
  return { tenant, clients: { gold, bronze }, sites, users: byRole };
}

export type TestTenant = Awaited<ReturnType<typeof createTestTenant>>;

/** A group of the tenant with these users in it; returns its id. */
export async function createTestGroup(t: TestTenant, name: string, members: TestUser[]) {
  const [group] = await db
    .insert(schema.groups)
    .values({ tenantId: t.tenant.id, name })
    .returning();
  if (!group) throw new Error("no group");
  if (members.length)
    await db
      .insert(schema.groupMembers)
      .values(members.map((u) => ({ tenantId: t.tenant.id, groupId: group.id, userId: u.id })));
  return group.id;
}

export function sessionFor(user: TestUser): Session {
  return {
    user: {
      id: user.id,
      tenantId: user.tenantId,
      role: user.role,
      name: user.name,
      email: user.email,
    },
    expires: new Date(Date.now() + 3600_000).toISOString(),
  };
}

/** A tRPC caller with a real context, as the route handler would build for this user. */
export function callerFor(user: TestUser | null) {
  return createCaller({ session: user ? sessionFor(user) : null, headers: new Headers() });
}

export async function ctxFor(user: TestUser): Promise<ServiceCtx<UserActor>> {
  const scope = await resolveScope(db, user.tenantId, user.id, user.role);
  return {
    tenantId: user.tenantId,
    db,
    actor: {
      type: "user",
      userId: user.id,
      role: user.role,
      name: user.name,
      email: user.email,
      scope,
    },
  };
}

/**
 * An alert row at a site, for inserting straight into `alerts`: an open, unscored intrusion
 * with a fingerprint of its own, unless `over` says otherwise.
 */
export function alertRow<T extends object>(
  site: { id: string; tenantId: string; clientId: string },
  over: T,
) {
  const key = randomUUID();
  return {
    tenantId: site.tenantId,
    clientId: site.clientId,
    siteId: site.id,
    type: "INTRUSION" as const,
    severity: "high" as const,
    title: `test alert ${key}`,
    source: "api" as const,
    fingerprint: key,
    ...over,
  };
}
