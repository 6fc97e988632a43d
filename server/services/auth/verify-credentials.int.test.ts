import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestTenant, TEST_PASSWORD, type TestTenant } from "@/server/test/factories";
import { RateLimitedError } from "../_core/errors";
import { THROTTLE } from "./throttle";
import { verifyCredentials } from "./verify-credentials";

let t: TestTenant;
beforeAll(async () => {
  t = await createTestTenant("auth");
});

describe("verifyCredentials", () => {
  it("signs in with the right password, case-insensitively on e-mail", async () => {
    const user = await verifyCredentials(db, {
      email: t.users.admin.email.toUpperCase(),
      password: TEST_PASSWORD,
      address: randomUUID(),
    });
    expect(user).toMatchObject({ id: t.users.admin.id, tenantId: t.tenant.id, role: "admin" });
  });

  it("refuses a wrong password and an unknown e-mail alike", async () => {
    const address = randomUUID();
    expect(
      await verifyCredentials(db, { email: t.users.supervisor.email, password: "wrong", address }),
    ).toBeNull();
    expect(
      await verifyCredentials(db, {
        email: `nobody-${randomUUID()}@x.test`,
        password: "wrong",
        address,
      }),
    ).toBeNull();
  });

  it("locks an account after repeated failures, even with the right password", async () => {
    const email = t.users.executive.email;
    for (let i = 0; i < THROTTLE.account.maxFailures; i++) {
      expect(
        await verifyCredentials(db, { email, password: "wrong", address: randomUUID() }),
      ).toBeNull();
    }
    const err = await verifyCredentials(db, {
      email,
      password: TEST_PASSWORD,
      address: randomUUID(),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).message).toMatch(/Try again in 15 minutes/);
  });

  it("locks an address that tries many accounts", async () => {
    const address = randomUUID();
    for (let i = 0; i < THROTTLE.address.maxFailures; i++) {
      await verifyCredentials(db, {
        email: `spray-${i}-${randomUUID()}@x.test`,
        password: "wrong",
        address,
      });
    }
    await expect(
      verifyCredentials(db, { email: t.users.specialist.email, password: TEST_PASSWORD, address }),
    ).rejects.toBeInstanceOf(RateLimitedError);
  });

  it("refuses a deactivated account", async () => {
    const { users } = await import("@/server/db/schema");
    const { eq } = await import("drizzle-orm");
    await db.update(users).set({ active: false }).where(eq(users.id, t.users.site_manager.id));
    expect(
      await verifyCredentials(db, {
        email: t.users.site_manager.email,
        password: TEST_PASSWORD,
        address: randomUUID(),
      }),
    ).toBeNull();
  });
});
