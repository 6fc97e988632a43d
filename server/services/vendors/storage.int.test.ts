import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { startS3Sink, type S3Sink } from "@/server/test/s3-sink";
import { addAttachment, readAttachment } from "./attachments";
import { createVendor } from "./vendors";
import { createWorkOrder } from "./work-orders";

/* Attachments in S3-compatible storage, against a local stand-in that speaks S3's HTTP API. */
const KEYS = ["S3_BUCKET", "S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
]);

let t: TestTenant;
let s3: S3Sink;

beforeAll(async () => {
  [t, s3] = await Promise.all([createTestTenant("s3"), startS3Sink()]);
  process.env.S3_BUCKET = "wf-attachments";
  process.env.S3_ENDPOINT = s3.url;
  process.env.S3_ACCESS_KEY_ID = "test-key";
  process.env.S3_SECRET_ACCESS_KEY = "test-secret";
});

afterAll(async () => {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await s3.stop();
});

async function order() {
  const ctx = await ctxFor(t.users.supervisor);
  const v = await createVendor(ctx, {
    name: `Sparks ${Date.now()}`,
    trades: ["electrical"],
    contactName: "",
    email: "s@x.test",
    phone: "",
  });
  const wo = await createWorkOrder(
    ctx,
    {
      siteId: t.sites[0]?.id ?? "",
      title: "Socket sparks",
      description: "",
      category: "electrical",
      priority: "high",
      vendorId: v.id,
    },
    new Date(),
  );
  return { ctx, id: wo.id };
}

describe("attachments in S3-compatible storage", () => {
  it("stores the bytes as an object under the tenant and order, and reads them back", async () => {
    const { ctx, id } = await order();
    const saved = await addAttachment(ctx, {
      workOrderId: id,
      bytes: PNG,
      declaredName: "socket.png",
    });
    const [row] = await db
      .select()
      .from(schema.workOrderAttachments)
      .where(eq(schema.workOrderAttachments.id, saved.id));
    const object = s3.objects.get(`wf-attachments/attachments/${row?.storageKey ?? ""}`);
    expect(row?.storageKey).toMatch(new RegExp(`^${t.tenant.id}/${id}/[0-9a-f-]{36}\\.png$`));
    expect(object?.contentType).toBe("image/png");
    expect(Buffer.from(object?.bytes ?? []).equals(Buffer.from(PNG))).toBe(true);
    const back = await readAttachment(ctx, { attachmentId: saved.id });
    expect(Buffer.from(back.bytes).equals(Buffer.from(PNG))).toBe(true);
  });

  it("writes no row when the store is down, and says so", async () => {
    const { ctx, id } = await order();
    const objects = s3.objects.size;
    s3.fail();
    try {
      await expect(
        addAttachment(ctx, { workOrderId: id, bytes: PNG, declaredName: "socket.png" }),
      ).rejects.toThrow();
    } finally {
      s3.recover();
    }
    const rows = await db
      .select()
      .from(schema.workOrderAttachments)
      .where(eq(schema.workOrderAttachments.workOrderId, id));
    expect(rows).toEqual([]);
    expect(s3.objects.size).toBe(objects);
  });
});
