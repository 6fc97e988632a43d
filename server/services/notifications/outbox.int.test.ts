import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { listOutbox } from "./outbox";

let t: TestTenant;

beforeAll(async () => {
  t = await createTestTenant("outbox");
  const at = (minutes: number) => new Date(Date.UTC(2026, 11, 2, 12, minutes));
  const row = (i: number, channel: "email" | "in_app", minutes: number) => ({
    tenantId: t.tenant.id,
    channel,
    recipient: channel === "email" ? "sup@example.test" : t.users.supervisor.id,
    userId: t.users.supervisor.id,
    subject: `${channel} ${i}`,
    body: "",
    dedupeKey: `outbox-test:${channel}:${i}`,
    status: "sent" as const,
    createdAt: at(minutes),
  });
  // three e-mails, then thirty newer in-app notifications (as an escalation leaves them)
  await db
    .insert(schema.notifications)
    .values([
      ...[0, 1, 2].map((i) => row(i, "email", i)),
      ...Array.from({ length: 30 }, (_, i) => row(i, "in_app", 10 + i)),
    ]);
});

describe("the outbox", () => {
  it("lists the e-mails however many newer in-app notifications there are, and pages them", async () => {
    const admin = await ctxFor(t.users.admin);
    const first = await listOutbox(admin, { limit: 2 });
    expect(first.items.map((r) => r.subject)).toEqual(["email 2", "email 1"]);
    expect(first.nextCursor).toBeDefined();
    const next = await listOutbox(admin, { limit: 2, before: first.nextCursor });
    expect(next.items.map((r) => r.subject)).toEqual(["email 0"]);
    expect(next.nextCursor).toBeUndefined();
  });
});
