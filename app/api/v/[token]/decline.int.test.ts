import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { portalPageView } from "@/server/api/portal";
import { createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { sendVendorLink } from "@/server/services/vendors/portal";
import { createVendor } from "@/server/services/vendors/vendors";
import { createWorkOrder } from "@/server/services/vendors/work-orders";
import { POST as decline } from "./decline/route";
import { POST as move } from "./move/route";
import { POST as onMyWay } from "./on-my-way/route";

// the route handlers read the clock themselves, so the set-up runs at the real time too
const NOW = new Date();

let t: TestTenant;
let other: TestTenant;

const params = (token: string) => ({ params: Promise.resolve({ token }) });
const post = (path: string, body: unknown, origin?: string) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-forwarded-for": `10.1.0.${Math.floor(Math.random() * 250)}`,
      ...(origin ? { origin } : {}),
    },
    body: JSON.stringify(body),
  });

/** A work order for a fresh vendor of `tenant`, with its link; returns the id and token. */
async function orderWithLink(tenant: TestTenant, title: string) {
  const sup = await ctxFor(tenant.users.supervisor);
  const vendor = await createVendor(sup, {
    name: `Vendor ${title} ${Math.random().toString(36).slice(2, 8)}`,
    trades: ["locks"],
    contactName: "",
    email: "jobs@vendor.test",
    phone: "+1 312 555 0100",
  });
  const wo = await createWorkOrder(
    sup,
    {
      siteId: tenant.sites[0]?.id ?? "",
      title,
      description: "",
      category: "locks",
      priority: "high",
      vendorId: vendor.id,
    },
    NOW,
  );
  const { url } = await sendVendorLink(sup, { id: wo.id, baseUrl: "http://localhost" }, NOW);
  return { id: wo.id, token: url.split("/v/")[1] ?? "" };
}

const auditOf = (tenantId: string, id: string, action: string) =>
  db
    .select()
    .from(schema.auditLog)
    .where(
      and(
        eq(schema.auditLog.tenantId, tenantId),
        eq(schema.auditLog.entityId, id),
        eq(schema.auditLog.action, action),
      ),
    );

beforeAll(async () => {
  [t, other] = await Promise.all([
    createTestTenant("portal-decline"),
    createTestTenant("portal-decline-x"),
  ]);
});

describe("the vendor declines a job", () => {
  it("sends it back to the dispatcher as new, ends the link, audits and notifies", async () => {
    const { id, token } = await orderWithLink(t, "Fix the gate");
    const empty = await decline(post(`/api/v/${token}/decline`, { reason: "" }), params(token));
    expect(empty.status).toBe(400);
    expect(JSON.stringify(await empty.json())).toContain("Say why you cannot take the job");

    const res = await decline(
      post(`/api/v/${token}/decline`, { reason: "No locksmith free this week" }),
      params(token),
    );
    expect(res.status).toBe(200);
    const [wo] = await db.select().from(schema.workOrders).where(eq(schema.workOrders.id, id));
    expect(wo).toMatchObject({ status: "new", vendorId: null });
    const [audit] = await auditOf(t.tenant.id, id, "work_order.declined");
    expect(audit).toMatchObject({
      actorType: "vendor_token",
      before: { status: "assigned" },
      after: { status: "new", vendorId: null, reason: "No locksmith free this week" },
    });
    const events = await db
      .select()
      .from(schema.workOrderEvents)
      .where(eq(schema.workOrderEvents.workOrderId, id));
    expect(events.some((e) => e.kind === "declined" && e.note?.includes("No locksmith"))).toBe(
      true,
    );
    // the requester (the supervisor who opened it) hears of it
    const inbox = await db
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.userId, t.users.supervisor.id));
    expect(inbox.some((n) => n.subject.includes("declined by the vendor"))).toBe(true);
    // the link no longer works, for anything
    expect(await portalPageView(new Headers(), token, NOW)).toBeNull();
    const again = await decline(
      post(`/api/v/${token}/decline`, { reason: "again" }),
      params(token),
    );
    expect(again.status).toBe(404);
  });

  it("cannot decline once work has started", async () => {
    const { token } = await orderWithLink(t, "Rewire the panel");
    for (const to of ["accepted", "in_progress"])
      expect((await move(post(`/api/v/${token}/move`, { to }), params(token))).status).toBe(200);
    const res = await decline(
      post(`/api/v/${token}/decline`, { reason: "changed our mind" }),
      params(token),
    );
    expect(res.status).toBe(409);
  });
});

describe("the vendor says they are on the way", () => {
  it("only after accepting; on the timeline and audited", async () => {
    const { id, token } = await orderWithLink(t, "Replace the lock");
    const early = await onMyWay(post(`/api/v/${token}/on-my-way`, {}), params(token));
    expect(early.status).toBe(409);
    expect(JSON.stringify(await early.json())).toContain("Accept the job");
    await move(post(`/api/v/${token}/move`, { to: "accepted" }), params(token));
    const bad = await onMyWay(post(`/api/v/${token}/on-my-way`, { etaMinutes: -5 }), params(token));
    expect(bad.status).toBe(400);
    const ok = await onMyWay(post(`/api/v/${token}/on-my-way`, { etaMinutes: 20 }), params(token));
    expect(ok.status).toBe(200);
    const [audit] = await auditOf(t.tenant.id, id, "work_order.on_my_way");
    expect(audit).toMatchObject({ actorType: "vendor_token", after: { etaMinutes: 20 } });
    const view = await portalPageView(new Headers(), token, NOW);
    expect(view?.events.at(-1)).toMatchObject({
      kind: "on_my_way",
      note: "On the way, arriving in about 20 min",
    });
    expect(view?.sitePhone).toBe("");
  });

  it("a link acts on its own order only: another tenant's link cannot touch this one", async () => {
    const mine = await orderWithLink(t, "Mine");
    const theirs = await orderWithLink(other, "Theirs");
    // the token decides the order: there is no id to swap in the body
    await move(post(`/api/v/${theirs.token}/move`, { to: "accepted" }), params(theirs.token));
    const res = await onMyWay(
      post(`/api/v/${theirs.token}/on-my-way`, { id: mine.id }),
      params(theirs.token),
    );
    expect(res.status).toBe(200);
    expect(await auditOf(t.tenant.id, mine.id, "work_order.on_my_way")).toHaveLength(0);
    expect(await auditOf(other.tenant.id, theirs.id, "work_order.on_my_way")).toHaveLength(1);
    // a cross-site POST from another origin is refused before anything happens
    const forged = await decline(
      post(`/api/v/${mine.token}/decline`, { reason: "forged" }, "https://evil.test"),
      params(mine.token),
    );
    expect(forged.status).toBe(403);
  });
});
