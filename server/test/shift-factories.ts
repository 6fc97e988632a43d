import { randomUUID } from "node:crypto";
import { db, schema } from "@/server/db";
import type { TestTenant, TestUser } from "./factories";
import { hashPassword } from "@/server/services/auth/password";

type Site = TestTenant["sites"][number];

/** A post at a site. */
export async function createPost(site: Site, name = `Post ${randomUUID().slice(0, 6)}`) {
  const [post] = await db
    .insert(schema.posts)
    .values({ tenantId: site.tenantId, siteId: site.id, name })
    .returning();
  if (!post) throw new Error("no post");
  return post;
}

/** A shift inserted as materialisation would have made it, with times of the test's choosing. */
export async function createShift(
  site: Site,
  s: {
    startsAt: Date;
    endsAt?: Date;
    guard?: { id: string } | null;
    postId?: string;
  } & Partial<typeof schema.shifts.$inferInsert>,
) {
  const postId = s.postId ?? (await createPost(site)).id;
  const [shift] = await db
    .insert(schema.shifts)
    .values({
      ...s,
      tenantId: site.tenantId,
      clientId: site.clientId,
      siteId: site.id,
      postId,
      guardId: s.guard === undefined ? null : (s.guard?.id ?? null),
      localDate: s.startsAt.toISOString().slice(0, 10),
      startsAt: s.startsAt,
      endsAt: s.endsAt ?? new Date(s.startsAt.getTime() + 8 * 3_600_000),
    })
    .returning();
  if (!shift) throw new Error("no shift");
  return shift;
}

let hash: Promise<string> | null = null;

/** Another guard of the tenant. */
export async function createGuard(t: TestTenant, name = "Extra Guard"): Promise<TestUser> {
  hash ??= hashPassword("another guard's password");
  const suffix = randomUUID().slice(0, 8);
  const [u] = await db
    .insert(schema.users)
    .values({
      tenantId: t.tenant.id,
      role: "guard",
      name: `${name} ${suffix}`,
      email: `guard.${suffix}@${t.tenant.slug}.test`,
      passwordHash: await hash,
    })
    .returning();
  if (!u) throw new Error("no guard");
  return { id: u.id, tenantId: u.tenantId, role: u.role, email: u.email, name: u.name };
}

/** Scopes the tenant's site manager to these sites only. */
export async function scopeManagerTo(t: TestTenant, sites: Site[]) {
  await db
    .insert(schema.userScopes)
    .values(
      sites.map((s) => ({ tenantId: t.tenant.id, userId: t.users.site_manager.id, siteId: s.id })),
    );
}
