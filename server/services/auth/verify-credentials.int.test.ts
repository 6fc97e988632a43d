import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestTenant, TEST_PASSWORD, type TestTenant } from "@/server/test/factories";
import { RateLimitedError } from "../_core/errors";
import { lockedForSeconds, THROTTLE, throttleKeys } from "./throttle";
import { verifyCredentials } from "./verify-credentials";

const NOW = new Date("2026-03-10T15:00:00Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

let t: TestTenant;
beforeAll(async () => {
  t = await createTestTenant("auth");
});

describe("verifyCredentials", () => {
  it("signs in with the right password, case-insensitively on e-mail", async () => {
    const user = await verifyCredentials(
      db,
      {
        email: t.users.admin.email.toUpperCase(),
        password: TEST_PASSWORD,
        address: randomUUID(),
      },
      NOW,
    );
    expect(user).toMatchObject({ id: t.users.admin.id, tenantId: t.tenant.id, role: "admin" });
  });

  it("refuses a wrong password and an unknown e-mail alike", async () => {
    const address = randomUUID();
    expect(
      await verifyCredentials(
        db,
        { email: t.users.supervisor.email, password: "wrong", address },
        NOW,
      ),
    ).toBeNull();
    expect(
      await verifyCredentials(
        db,
        {
          email: `nobody-${randomUUID()}@x.test`,
          password: "wrong",
          address,
        },
        NOW,
      ),
    ).toBeNull();
  });

  it("locks an account after repeated failures, even with the right password", async () => {
    const email = t.users.executive.email;
    for (let i = 0; i < THROTTLE.account.maxFailures; i++) {
      expect(
        await verifyCredentials(db, { email, password: "wrong", address: randomUUID() }, NOW),
      ).toBeNull();
    }
    const err = await verifyCredentials(
      db,
      {
        email,
        password: TEST_PASSWORD,
        address: randomUUID(),
      },
      NOW,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).message).toMatch(/Try again in 15 minutes/);
  });

  it("locks an address that tries many accounts", async () => {
    const address = randomUUID();
    for (let i = 0; i < THROTTLE.address.maxFailures; i++) {
      await verifyCredentials(
        db,
        {
          email: `spray-${i}-${randomUUID()}@x.test`,
          password: "wrong",
          address,
        },
        NOW,
      );
    }
    await expect(
      verifyCredentials(
        db,
        { email: t.users.specialist.email, password: TEST_PASSWORD, address },
        NOW,
      ),
    ).rejects.toBeInstanceOf(RateLimitedError);
  });

  it("refuses a deactivated account", async () => {
    const { users } = await import("@/server/db/schema");
    const { eq } = await import("drizzle-orm");
    await db.update(users).set({ active: false }).where(eq(users.id, t.users.site_manager.id));
    expect(
      await verifyCredentials(
        db,
        {
          email: t.users.site_manager.email,
          password: TEST_PASSWORD,
          address: randomUUID(),
        },
        NOW,
      ),
    ).toBeNull();
  });

  it("counts failures within the window only, and unlocks when the lock runs out", async () => {
    const address = randomUUID();
    const email = `window-${randomUUID()}@x.test`;
    const fail = (at: Date) => verifyCredentials(db, { email, password: "wrong", address }, at);
    // four failures, then the fifth after the window: the count starts again, no lock
    for (let i = 0; i < THROTTLE.account.maxFailures - 1; i++) await fail(NOW);
    await fail(minutes(THROTTLE.windowMinutes + 1));
    const keys = throttleKeys(email, address);
    expect(await lockedForSeconds(db, [keys.account], minutes(THROTTLE.windowMinutes + 1))).toBe(0);
    // four more within the new window: locked from that instant for lockMinutes
    const start = minutes(THROTTLE.windowMinutes + 1);
    for (let i = 0; i < THROTTLE.account.maxFailures - 1; i++) await fail(start);
    expect(await lockedForSeconds(db, [keys.account], start)).toBe(THROTTLE.lockMinutes * 60);
    const later = new Date(start.getTime() + (THROTTLE.lockMinutes * 60 - 30) * 1000);
    expect(await lockedForSeconds(db, [keys.account], later)).toBe(30);
    const unlocked = new Date(start.getTime() + THROTTLE.lockMinutes * 60_000);
    expect(await lockedForSeconds(db, [keys.account], unlocked)).toBe(0);
  });
});
