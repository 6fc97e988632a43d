import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";

let t: TestTenant;
beforeAll(async () => {
  t = await createTestTenant("ping");
});

describe("the NOC page's ring for new alerts scored 80+", () => {
  it("is off until the user turns it on, is theirs alone, and is audited", async () => {
    const op = callerFor(t.users.noc_operator);
    expect(await op.notification.preferences()).toMatchObject({ criticalAlertPing: false });
    expect(await op.notification.setCriticalAlertPing({ on: true })).toMatchObject({
      criticalAlertPing: true,
    });
    expect(await op.notification.preferences()).toMatchObject({ criticalAlertPing: true });
    // another user's choice is untouched
    expect(await callerFor(t.users.supervisor).notification.preferences()).toMatchObject({
      criticalAlertPing: false,
    });
    const audits = await db
      .select({ after: schema.auditLog.after })
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.tenantId, t.tenant.id),
          eq(schema.auditLog.entityId, t.users.noc_operator.id),
          eq(schema.auditLog.action, "user.notificationPrefs"),
        ),
      );
    expect(audits).toEqual([{ after: { criticalAlertPing: true } }]);
    await expect(
      // @ts-expect-error a string is not a switch
      op.notification.setCriticalAlertPing({ on: "yes" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
