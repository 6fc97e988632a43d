import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Session } from "next-auth";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/roles";
import { db, schema } from "@/server/db";
import { createTestTenant, ctxFor, sessionFor, type TestTenant } from "@/server/test/factories";
import { addAttachment } from "@/server/services/vendors/attachments";
import { createVendor } from "@/server/services/vendors/vendors";
import { createWorkOrder } from "@/server/services/vendors/work-orders";
import { GET as download } from "./[aid]/route";
import { POST as upload } from "./route";

// Route handlers read the session from Auth.js's request scope, which a test has not got:
// `auth()` answers the session of the user the test acts as, everything else is real.
const session = vi.hoisted(() => ({ current: null as Session | null }));
vi.mock("@/server/auth", () => ({ auth: () => Promise.resolve(session.current) }));

process.env.WATCHFLOOR_UPLOAD_DIR = mkdtempSync(path.join(tmpdir(), "wf-staff-att-"));
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
]);

let t: TestTenant;
let inScope: { order: string; attachment: string };
let outOfScope: { order: string; attachment: string };

const params = <T>(p: T) => ({ params: Promise.resolve(p) });

function post(order: string, headers: Record<string, string> = {}) {
  const form = new FormData();
  form.set("file", new File([PNG], "door.png", { type: "image/png" }));
  return upload(
    new Request(`http://localhost/api/work-orders/${order}/attachments`, {
      method: "POST",
      headers: { host: "localhost", ...headers },
      body: form,
    }),
    params({ id: order }),
  );
}

function get(ids: { order: string; attachment: string }) {
  return download(
    new Request(`http://localhost/api/work-orders/${ids.order}/attachments/${ids.attachment}`),
    params({ id: ids.order, aid: ids.attachment }),
  );
}

beforeAll(async () => {
  t = await createTestTenant("staff-att");
  const [managed, other] = t.sites;
  if (!managed || !other) throw new Error("sites missing");
  await db
    .insert(schema.userScopes)
    .values({ tenantId: t.tenant.id, userId: t.users.site_manager.id, siteId: managed.id });
  const sup = await ctxFor(t.users.supervisor);
  const vendor = await createVendor(sup, {
    name: "Glazier",
    trades: ["general"],
    contactName: "",
    email: "jobs@glazier.test",
    phone: "",
  });
  const order = async (siteId: string) => {
    const wo = await createWorkOrder(
      sup,
      {
        siteId,
        title: "Replace the lobby pane",
        description: "",
        category: "general",
        priority: "high",
        vendorId: vendor.id,
      },
      new Date(),
    );
    const a = await addAttachment(sup, { workOrderId: wo.id, bytes: PNG, declaredName: "a.png" });
    return { order: wo.id, attachment: a.id };
  };
  inScope = await order(managed.id);
  outOfScope = await order(other.id);
});

beforeEach(() => {
  session.current = null;
});

const as = (role: Role) => (session.current = sessionFor(t.users[role]));

describe("staff attachment routes", () => {
  it("let admins, supervisors and site managers (at their sites) add and read attachments", async () => {
    for (const role of ["admin", "supervisor", "site_manager"] as const) {
      as(role);
      expect((await post(inScope.order)).status, role).toBe(201);
      expect((await get(inScope)).status, role).toBe(200);
    }
    for (const role of ["admin", "supervisor"] as const) {
      as(role);
      expect((await post(outOfScope.order)).status, role).toBe(201);
      expect((await get(outOfScope)).status, role).toBe(200);
    }
  });

  it("refuse operators, specialists and executives as the work-order procedures do", async () => {
    for (const role of ["noc_operator", "specialist", "executive"] as const) {
      as(role);
      const up = await post(inScope.order);
      expect(up.status, role).toBe(403);
      expect(await up.json()).toEqual({ error: "Your role does not allow this" });
      const down = await get(inScope);
      expect(down.status, role).toBe(403);
      expect(down.headers.get("content-type"), role).toContain("application/json");
    }
  });

  it("keep a site manager to their own sites, and ask the signed-out to sign in", async () => {
    as("site_manager");
    expect((await post(outOfScope.order)).status).toBe(404);
    expect((await get(outOfScope)).status).toBe(404);
    session.current = null;
    expect((await post(inScope.order)).status).toBe(401);
    expect((await get(inScope)).status).toBe(401);
  });

  it("refuse a 30 MB upload without reading it: by its length, or once past the limit", async () => {
    as("admin");
    const total = 30 * 1024 * 1024;
    let pulled = 0;
    const stream = () => {
      pulled = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled >= total) return controller.close();
          pulled += 64 * 1024;
          controller.enqueue(new Uint8Array(64 * 1024));
        },
      });
    };
    const send = (length: string | null) =>
      upload(
        new Request(`http://localhost/api/work-orders/${inScope.order}/attachments`, {
          method: "POST",
          headers: {
            "content-type": "multipart/form-data; boundary=x",
            ...(length === null ? {} : { "content-length": length }),
          },
          body: stream(),
          duplex: "half",
        } as RequestInit),
        params({ id: inScope.order }),
      );
    const limit = 10 * 1024 * 1024 + 64 * 1024;
    for (const length of [String(total), null, "1000"]) {
      const r = await send(length);
      expect(r.status, `content-length ${length}`).toBe(413);
      expect(((await r.json()) as { error: string }).error).toMatch(/larger than 10 MB/);
      expect(pulled, `content-length ${length}`).toBeLessThanOrEqual(
        length === String(total) ? 128 * 1024 : limit + 128 * 1024,
      );
    }
  });

  it("refuse an upload sent from another site's page", async () => {
    as("admin");
    const r = await post(inScope.order, { origin: "https://evil.test" });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { error: string }).error).toMatch(/Cross-site requests/);
    expect((await post(inScope.order, { origin: "http://localhost" })).status).toBe(201);
  });
});
