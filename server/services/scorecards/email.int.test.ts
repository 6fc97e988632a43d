import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestTenant, type TestTenant } from "@/server/test/factories";
import { startSmtpSink, type SmtpSink } from "@/server/test/smtp-sink";
import { deliverNotifications } from "../notifications/deliver";
import { emailScorecard } from "./email";
import { generateScorecard } from "./generate";
import { jobContext } from "../_core/system";

const NOW = new Date("2026-11-01T09:00:00Z");
let t: TestTenant;
let smtp: SmtpSink;
const saved = process.env.SMTP_URL;

beforeAll(async () => {
  [t, smtp] = await Promise.all([createTestTenant("sc-mail"), startSmtpSink()]);
  await smtp.start();
  await db
    .update(schema.clients)
    .set({
      createdAt: new Date("2026-01-01T00:00:00Z"),
      executiveRecipients: ["cfo@gold.test", "coo@gold.test"],
    })
    .where(eq(schema.clients.id, t.clients.gold.id));
});

afterAll(async () => {
  if (saved === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = saved;
  await smtp.stop();
});

describe("scorecard e-mail", () => {
  it("goes to each executive recipient once, through the outbox, with the PDF attached", async () => {
    const ctx = jobContext(t.tenant.id, "test", db);
    const { scorecard } = await generateScorecard(
      ctx,
      { clientId: t.clients.gold.id, month: "2026-10" },
      NOW,
    );
    expect(await emailScorecard(ctx, { scorecardId: scorecard.id })).toEqual({ queued: 2 });
    expect(await emailScorecard(ctx, { scorecardId: scorecard.id })).toEqual({ queued: 0 });
    const rows = await db
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.tenantId, t.tenant.id));
    expect(rows.map((r) => r.recipient).sort()).toEqual(["cfo@gold.test", "coo@gold.test"]);
    expect(rows[0]).toMatchObject({
      link: `/scorecards/${t.clients.gold.id}/2026-10`,
      attachments: [
        {
          kind: "scorecard_pdf",
          scorecardId: scorecard.id,
          filename: "scorecard-Gold-Client-2026-10.pdf",
        },
      ],
    });

    process.env.SMTP_URL = smtp.url;
    const r = await deliverNotifications(
      jobContext(t.tenant.id, "test"),
      { ids: rows.map((x) => x.id) },
      NOW,
    );
    expect(r).toMatchObject({ sent: 2 });
    const mail = smtp.messages.find((m) => m.to.includes("cfo@gold.test"));
    expect(mail?.subject).toContain("Gold Client scorecard, October 2026");
    expect(mail?.raw).toContain(
      "Content-Disposition: attachment; filename=scorecard-Gold-Client-2026-10.pdf",
    );
    expect(mail?.raw).toContain("Content-Type: application/pdf");
  });
});
