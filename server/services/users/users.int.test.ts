import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";

let t: TestTenant;
beforeAll(async () => {
  t = await createTestTenant("users");
});

describe("user administration", () => {
  it("creates a scoped user, audits it, and refuses a duplicate e-mail", async () => {
    const admin = callerFor(t.users.admin);
    const email = `new.${t.tenant.slug}@example.test`;
    const created = await admin.user.create({
      name: "New Manager",
      email: email.toUpperCase(),
      role: "site_manager",
      password: "a-long-password",
      scope: { siteIds: [t.sites[0]?.id ?? ""], clientIds: [] },
    });
    const list = await admin.user.list();
    const row = list.find((u) => u.id === created.id);
    expect(row?.email).toBe(email);
    expect(row?.scope.siteIds).toEqual([t.sites[0]?.id]);
    const audit = await admin.audit.timeline({ entityType: "user", entityId: created.id });
    expect(audit.map((a) => a.action)).toEqual(["user.create"]);
    expect(audit[0]?.actorId).toBe(t.users.admin.id);
    await expect(
      admin.user.create({ name: "Dup", email, role: "admin", password: "a-long-password" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already exists"),
    });
  });

  it("records before and after of a role change", async () => {
    const admin = callerFor(t.users.admin);
    await admin.user.update({ id: t.users.specialist.id, role: "noc_operator" });
    const [entry] = await admin.audit.timeline({
      entityType: "user",
      entityId: t.users.specialist.id,
    });
    expect(entry?.before).toEqual({ role: "specialist" });
    expect(entry?.after).toEqual({ role: "noc_operator" });
    await admin.user.update({ id: t.users.specialist.id, role: "specialist" });
  });

  it("stops a deactivated user at the next request", async () => {
    const admin = callerFor(t.users.admin);
    const op = callerFor(t.users.noc_operator);
    await expect(op.me.get()).resolves.toMatchObject({ role: "noc_operator" });
    await admin.user.update({ id: t.users.noc_operator.id, active: false });
    await expect(op.me.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await admin.user.update({ id: t.users.noc_operator.id, active: true });
  });

  it("uses the role in the database, not the one in the token", async () => {
    await db
      .update(schema.users)
      .set({ role: "executive" })
      .where(eq(schema.users.id, t.users.supervisor.id));
    await expect(callerFor(t.users.supervisor).group.list()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await db
      .update(schema.users)
      .set({ role: "supervisor" })
      .where(eq(schema.users.id, t.users.supervisor.id));
  });

  it("refuses an admin demoting or deactivating themselves", async () => {
    const admin = callerFor(t.users.admin);
    await expect(
      admin.user.update({ id: t.users.admin.id, role: "executive" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin.user.update({ id: t.users.admin.id, active: false })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("writes nothing when a scope is invalid", async () => {
    const admin = callerFor(t.users.admin);
    const email = `half.${t.tenant.slug}@example.test`;
    await expect(
      admin.user.create({
        name: "Half",
        email,
        role: "site_manager",
        password: "a-long-password",
        scope: { siteIds: ["00000000-0000-4000-8000-000000000000"], clientIds: [] },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const rows = await db
      .select()
      .from(schema.users)
      .where(and(eq(schema.users.tenantId, t.tenant.id), eq(schema.users.email, email)));
    expect(rows).toEqual([]);
  });

  it("says which fields are wrong", async () => {
    const admin = callerFor(t.users.admin);
    const err = await admin.user
      .create({ name: "", email: "nope", role: "admin", password: "x" })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "BAD_REQUEST" });
  });
});
