import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { platformContext } from "@/server/services/_core/system";
import { db, schema } from "@/server/db";
import { createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { addAttachment, readAttachment } from "./attachments";
import { uploadRoot } from "./storage";
import {
  PORTAL_LIMITS,
  portalMove,
  portalNote,
  portalView,
  resolvePortalToken,
  sendVendorLink,
  underLimit,
} from "./portal";
import { newPortalToken } from "./token";
import { vendorRankings, createVendor, addVendorDocument } from "./vendors";
import { assignWorkOrder, moveWorkOrder } from "./work-order-flow";
import { createWorkOrder, updateWorkOrder } from "./work-orders";

const linkLookup = platformContext("vendor-link");

const NOW = new Date("2026-03-10T15:00:00Z");

let t: TestTenant;
let other: TestTenant;
let vendorId: string;
process.env.WATCHFLOOR_UPLOAD_DIR = mkdtempSync(path.join(tmpdir(), "wf-uploads-"));

const JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9,
]);

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("wo"), createTestTenant("wo-other")]);
  const ctx = await ctxFor(t.users.supervisor);
  vendorId = (
    await createVendor(ctx, {
      name: "Coolair HVAC",
      trades: ["hvac"],
      contactName: "Sam",
      email: "dispatch@coolair.test",
      phone: "",
    })
  ).id;
});

async function order(title = "Fix the chiller") {
  const ctx = await ctxFor(t.users.supervisor);
  const wo = await createWorkOrder(
    ctx,
    {
      siteId: t.sites[0]?.id ?? "",
      title,
      description: "",
      category: "hvac",
      priority: "normal",
      estimateHours: 2,
      vendorId,
    },
    NOW,
  );
  const link = await sendVendorLink(ctx, { id: wo.id, baseUrl: "http://localhost:3000" }, NOW);
  const token = link.url.split("/v/")[1] ?? "";
  return { id: wo.id, token, ctx };
}

describe("vendor portal tokens", () => {
  it("opens the one order of a valid link and nothing for forged, malformed or another order's", async () => {
    const a = await order("order A");
    const b = await order("order B");
    const access = await resolvePortalToken(linkLookup, a.token, NOW);
    expect(access?.workOrderId).toBe(a.id);
    const view = access ? await portalView(access) : null;
    expect(view?.title).toBe("order A");
    expect(view?.next).toContain("accepted");
    expect(await resolvePortalToken(linkLookup, newPortalToken().token, NOW)).toBeNull();
    expect(await resolvePortalToken(linkLookup, "not-a-token", NOW)).toBeNull();
    expect(await resolvePortalToken(linkLookup, `${a.token}x`, NOW)).toBeNull();
    // a's link never reaches b's attachments
    const att = await addAttachment(b.ctx, {
      workOrderId: b.id,
      bytes: JPEG,
      declaredName: "b.jpg",
    });
    if (!access) throw new Error("no access");
    await expect(
      readAttachment(access.ctx, { attachmentId: att.id, onlyWorkOrderId: access.workOrderId }),
    ).rejects.toMatchObject({ kind: "not_found" });
  });

  it("refuses expired and revoked links, and the old link after a re-send", async () => {
    const a = await order("expiring");
    await db
      .update(schema.vendorTokens)
      .set({ expiresAt: new Date(NOW.getTime() - 1000) })
      .where(eq(schema.vendorTokens.workOrderId, a.id));
    expect(await resolvePortalToken(linkLookup, a.token, NOW)).toBeNull();
    const again = await sendVendorLink(a.ctx, { id: a.id, baseUrl: "http://x" }, NOW);
    const fresh = again.url.split("/v/")[1] ?? "";
    expect(await resolvePortalToken(linkLookup, fresh, NOW)).not.toBeNull();
    const third = await sendVendorLink(a.ctx, { id: a.id, baseUrl: "http://x" }, NOW);
    expect(await resolvePortalToken(linkLookup, fresh, NOW)).toBeNull();
    expect(
      await resolvePortalToken(linkLookup, third.url.split("/v/")[1] ?? "", NOW),
    ).not.toBeNull();
    // the e-mail went to the vendor through the outbox
    const mail = await db
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.recipient, "dispatch@coolair.test"));
    expect(mail.length).toBeGreaterThanOrEqual(3);
  });

  it("opens a link until the instant it expires, and from then on never", async () => {
    const a = await order("expiry instant");
    const [row] = await db
      .select({ expiresAt: schema.vendorTokens.expiresAt })
      .from(schema.vendorTokens)
      .where(eq(schema.vendorTokens.workOrderId, a.id));
    if (!row) throw new Error("no token");
    const justBefore = new Date(row.expiresAt.getTime() - 1);
    expect(await resolvePortalToken(linkLookup, a.token, justBefore)).not.toBeNull();
    expect(await resolvePortalToken(linkLookup, a.token, row.expiresAt)).toBeNull();
  });

  it("limits hits per key within the window, and starts counting again after it", async () => {
    const key = `portal:test:${randomUUID()}`;
    const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
    expect(await underLimit(db, key, 2, NOW)).toBe(true);
    expect(await underLimit(db, key, 2, minutes(1))).toBe(true);
    expect(await underLimit(db, key, 2, minutes(2))).toBe(false);
    expect(await underLimit(db, key, 2, minutes(PORTAL_LIMITS.windowMinutes + 1))).toBe(true);
  });

  it("lets the vendor accept, start and complete, never verify; a completed order is read-only", async () => {
    const a = await order("lifecycle");
    const access = await resolvePortalToken(linkLookup, a.token, NOW);
    if (!access) throw new Error("no access");
    await portalMove(access, { to: "accepted" }, NOW);
    await portalMove(access, { to: "in_progress" }, NOW);
    await portalNote(access, "Compressor replaced", NOW);
    await expect(portalMove(access, { to: "verified" }, NOW)).rejects.toMatchObject({
      kind: "conflict",
    });
    await portalMove(access, { to: "completed", note: "All done" }, NOW);
    // completing revokes nothing by itself, but the order takes no more vendor changes
    const still = await resolvePortalToken(linkLookup, a.token, NOW);
    const view = still ? await portalView(still) : null;
    expect(view?.readOnly).toBe(true);
    if (still)
      await expect(portalNote(still, "one more", NOW)).rejects.toMatchObject({
        kind: "conflict",
      });
    const events = await db
      .select()
      .from(schema.workOrderEvents)
      .where(eq(schema.workOrderEvents.workOrderId, a.id))
      .orderBy(schema.workOrderEvents.id);
    expect(
      events.filter((e) => e.tokenId === access.tokenId).map((e) => e.toStatus ?? e.kind),
    ).toEqual(["accepted", "in_progress", "note", "completed"]);
    // the supervisor verifies with a rating
    await expect(moveWorkOrder(a.ctx, { id: a.id, to: "verified" }, NOW)).rejects.toMatchObject({
      kind: "validation",
    });
    await moveWorkOrder(a.ctx, { id: a.id, to: "verified", rating: 5 }, NOW);
  });
});

describe("attachments", () => {
  it("refuses oversize files and content that is not what the name says, leaving nothing behind", async () => {
    const a = await order("uploads");
    const before = readdirSync(uploadRoot(), { recursive: true }).length;
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(JPEG);
    await expect(
      addAttachment(a.ctx, { workOrderId: a.id, bytes: big, declaredName: "big.jpg" }),
    ).rejects.toMatchObject({ kind: "validation", message: expect.stringContaining("10 MB") });
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    await expect(
      addAttachment(a.ctx, { workOrderId: a.id, bytes: html, declaredName: "photo.jpg" }),
    ).rejects.toMatchObject({ kind: "validation", message: expect.stringContaining("text/html") });
    expect(readdirSync(uploadRoot(), { recursive: true }).length).toBe(before);
    const ok = await addAttachment(a.ctx, {
      workOrderId: a.id,
      bytes: JPEG,
      declaredName: "../../etc/pass\u202Ewd.exe",
    });
    expect(ok.name).not.toContain("/");
    expect(ok.name).not.toContain("\u202E");
    expect(ok.name.endsWith(".jpg")).toBe(true);
    const back = await readAttachment(a.ctx, { attachmentId: ok.id });
    expect(Buffer.from(back.bytes).equals(Buffer.from(JPEG))).toBe(true);
    // another tenant's staff get nothing
    await expect(
      readAttachment(await ctxFor(other.users.admin), { attachmentId: ok.id }),
    ).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("rankings and compliance", () => {
  it("ranks every vendor in one pass, pulling a vendor with few orders toward the mean", async () => {
    const ctx = await ctxFor(t.users.supervisor);
    const steady = await createVendor(ctx, {
      name: "Steady Electric",
      trades: ["electrical"],
      contactName: "",
      email: "s@x.test",
      phone: "",
    });
    const lucky = await createVendor(ctx, {
      name: "Lucky Locks",
      trades: ["locks"],
      contactName: "",
      email: "l@x.test",
      phone: "",
    });
    const day = 86_400_000;
    const now = NOW.getTime();
    const poor = await createVendor(ctx, {
      name: "Patchy Repairs",
      trades: ["electrical"],
      contactName: "",
      email: "r@x.test",
      phone: "",
    });
    // an excellent vendor with many jobs, a poor one with many, and one perfect job
    const rows = [
      ...Array.from({ length: 20 }, () => ({ vendor: steady.id, late: false, rating: 5 })),
      ...Array.from({ length: 20 }, (_, i) => ({ vendor: poor.id, late: i % 2 === 0, rating: 2 })),
      { vendor: lucky.id, late: false, rating: 5 },
    ];
    await db.insert(schema.workOrders).values(
      rows.map((r, i) => ({
        tenantId: t.tenant.id,
        clientId: t.clients.gold.id,
        siteId: t.sites[0]?.id ?? "",
        vendorId: r.vendor,
        title: `done ${i}`,
        category: "electrical",
        status: "verified" as const,
        estimateHours: 2,
        startedAt: new Date(now - 10 * day),
        dueAt: new Date(now - 9 * day),
        completedAt: new Date(now - 10 * day + (r.late ? 30 : 2) * 3_600_000),
        verifiedAt: new Date(now - 9 * day),
        rating: r.rating,
      })),
    );
    const { ranked } = await vendorRankings(ctx, {}, NOW);
    const s = ranked.find((r) => r.vendorId === steady.id);
    const l = ranked.find((r) => r.vendorId === lucky.id);
    expect(s && l).toBeTruthy();
    expect(l?.unreliable).toBe(true);
    expect(s?.unreliable).toBe(false);
    // one perfect job does not top twenty excellent ones, though its raw score ties them
    expect(l?.rawOverall).toBe(s?.rawOverall);
    expect(s?.rank).toBe(1);
    expect((s?.rank ?? 99) < (l?.rank ?? 0)).toBe(true);
    expect(ranked.find((r) => r.vendorId === poor.id)?.rank).toBe(ranked.length);
    expect(l?.uncertainty ?? 0).toBeGreaterThan(s?.uncertainty ?? 0);
    // nothing of another tenant
    const theirs = await vendorRankings(await ctxFor(other.users.supervisor), {}, NOW);
    expect(theirs.ranked).toHaveLength(0);
  });

  it("warns at assignment when a document expired, and flags a possible rework", async () => {
    const ctx = await ctxFor(t.users.supervisor);
    const v = await createVendor(ctx, {
      name: "Lapsed Plumbing",
      trades: ["plumbing"],
      contactName: "",
      email: "p@x.test",
      phone: "",
    });
    await addVendorDocument(ctx, {
      vendorId: v.id,
      kind: "insurance",
      name: "Liability cover",
      expiresOn: "2020-01-01",
    });
    const wo = await createWorkOrder(
      ctx,
      {
        siteId: t.sites[1]?.id ?? "",
        title: "Leak",
        description: "",
        category: "plumbing",
        priority: "high",
      },
      NOW,
    );
    const r = await assignWorkOrder(ctx, { id: wo.id, vendorId: v.id }, NOW);
    expect(r.warnings[0]).toMatch(/Liability cover.*expired.*do not dispatch/);
    await db
      .update(schema.workOrders)
      .set({ status: "verified", verifiedAt: new Date(NOW.getTime() - 3 * 86_400_000) })
      .where(eq(schema.workOrders.id, wo.id));
    const again = await createWorkOrder(
      ctx,
      {
        siteId: t.sites[1]?.id ?? "",
        title: "Leak again",
        description: "",
        category: "plumbing",
        priority: "high",
      },
      NOW,
    );
    expect(again.possibleReworkOf?.id).toBe(wo.id);
  });

  it("edits an open order's details with an audit of what changed; closed orders and other tenants refuse", async () => {
    const { id, ctx } = await order("Chiller noise");
    const due = new Date("2027-01-15T17:00:00Z");
    expect(
      await updateWorkOrder(ctx, {
        id,
        title: "Chiller noise, roof",
        priority: "high",
        dueAt: due,
      }),
    ).toEqual({ changed: ["title", "priority", "dueAt"] });
    // the same values again change nothing and write nothing
    expect(await updateWorkOrder(ctx, { id, priority: "high", dueAt: due })).toEqual({
      changed: [],
    });
    const [row] = await db.select().from(schema.workOrders).where(eq(schema.workOrders.id, id));
    expect(row).toMatchObject({ title: "Chiller noise, roof", priority: "high", dueAt: due });
    const audit = await db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, id));
    const edits = audit.filter((a) => a.action === "work_order.update");
    expect(edits).toHaveLength(1);
    expect(edits[0]?.before).toMatchObject({ title: "Chiller noise", priority: "normal" });
    await expect(
      updateWorkOrder(await ctxFor(other.users.admin), { id, title: "Hijacked" }),
    ).rejects.toThrow(/not found/i);
    await moveWorkOrder(ctx, { id, to: "cancelled" }, NOW);
    await expect(updateWorkOrder(ctx, { id, title: "Too late" })).rejects.toThrow(
      /cancelled order can no longer be edited/,
    );
  });
});
