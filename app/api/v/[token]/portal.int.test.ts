import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { portalPageView } from "@/server/api/portal";
import { portalPageGate } from "@/server/api/portal-gate";
import { createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { sendVendorLink } from "@/server/services/vendors/portal";
import { newPortalToken } from "@/server/services/vendors/token";
import { createVendor } from "@/server/services/vendors/vendors";
import { createWorkOrder } from "@/server/services/vendors/work-orders";
import { POST as upload } from "./attachments/route";
import { GET as download } from "./attachments/[id]/route";
import { POST as move } from "./move/route";
import { GET as view } from "./route";

process.env.WATCHFLOOR_UPLOAD_DIR = mkdtempSync(path.join(tmpdir(), "wf-portal-"));
// The route handlers read the clock themselves (once per request, at the edge), so the calls
// this file makes around them run at the real time too, read once here.
const NOW = new Date();

let t: TestTenant;
let token: string;
let otherToken: string;
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
]);

const params = <T>(p: T) => ({ params: Promise.resolve(p) });
const req = (url: string, init: RequestInit = {}) =>
  new Request(`http://localhost${url}`, {
    ...init,
    headers: {
      "x-forwarded-for": `10.0.0.${Math.floor(Math.random() * 250)}`,
      ...(init.headers ?? {}),
    },
  });

beforeAll(async () => {
  t = await createTestTenant("portal");
  const ctx = await ctxFor(t.users.site_manager);
  const sup = await ctxFor(t.users.supervisor);
  const vendor = await createVendor(sup, {
    name: "Lockfast",
    trades: ["locks"],
    contactName: "",
    email: "jobs@lockfast.test",
    phone: "",
  });
  const make = async (title: string) => {
    const wo = await createWorkOrder(
      sup,
      {
        siteId: t.sites[0]?.id ?? "",
        title,
        description: "",
        category: "locks",
        priority: "high",
        vendorId: vendor.id,
      },
      NOW,
    );
    return (
      (await sendVendorLink(sup, { id: wo.id, baseUrl: "http://localhost" }, NOW)).url.split(
        "/v/",
      )[1] ?? ""
    );
  };
  void ctx;
  token = await make("Rekey the back door");
  otherToken = await make("Another order");
});

describe("vendor portal HTTP", () => {
  it("shows the order to its link and a plain, identical refusal to anything else", async () => {
    const ok = await view(req(`/api/v/${token}`), params({ token }));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { title: string }).title).toBe("Rekey the back door");
    const forged = newPortalToken().token;
    const bodies = await Promise.all(
      [forged, "short", `${token.slice(0, -1)}${token.endsWith("A") ? "E" : "A"}`].map(
        async (bad) => {
          const r = await view(req(`/api/v/${bad}`), params({ token: bad }));
          expect(r.status).toBe(404);
          return JSON.stringify(await r.json());
        },
      ),
    );
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).not.toContain("Rekey");
  });

  it("moves the order, validates the body, and keeps attachments to their own order", async () => {
    const bad = await move(
      req(`/api/v/${token}/move`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ to: "verified" }),
      }),
      params({ token }),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("Not something a vendor can do");
    const acc = await move(
      req(`/api/v/${token}/move`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ to: "accepted" }),
      }),
      params({ token }),
    );
    expect(acc.status).toBe(200);

    const form = new FormData();
    form.set("file", new File([PNG], "door.png", { type: "image/png" }));
    const up = await upload(
      req(`/api/v/${token}/attachments`, { method: "POST", body: form }),
      params({ token }),
    );
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    const mine = await download(req(`/api/v/${token}/attachments/${id}`), params({ token, id }));
    expect(mine.status).toBe(200);
    expect(mine.headers.get("x-content-type-options")).toBe("nosniff");
    const theirs = await download(
      req(`/api/v/${otherToken}/attachments/${id}`),
      params({ token: otherToken, id }),
    );
    expect(theirs.status).toBe(404);

    const fake = new FormData();
    fake.set("file", new File(["<svg onload=alert(1)>"], "photo.jpg", { type: "image/jpeg" }));
    const refused = await upload(
      req(`/api/v/${token}/attachments`, { method: "POST", body: fake }),
      params({ token }),
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toMatch(/not an image or PDF/);
  });

  it("answers an address that keeps guessing with 429 instead of 404", async () => {
    const headers = { "x-forwarded-for": "203.0.113.9" };
    let last = 0;
    for (let i = 0; i < 32; i++) {
      const bad = newPortalToken().token;
      last = (
        await view(
          new Request(`http://localhost/api/v/${bad}`, { headers }),
          params({ token: bad }),
        )
      ).status;
    }
    expect(last).toBe(429);
  });

  it("gives the portal page the same view for its link, null for any other, and counts misses", async () => {
    const headers = new Headers({ "x-forwarded-for": "203.0.113.77" });
    expect((await portalPageView(headers, token, NOW))?.title).toBe("Rekey the back door");
    for (const bad of [newPortalToken().token, "short", `${token}x`])
      expect(await portalPageView(headers, bad, NOW)).toBeNull();
    for (let i = 0; i < 30; i++) await portalPageView(headers, newPortalToken().token, NOW);
    // the address is now over its miss limit for the HTTP API too
    const r = await view(
      new Request(`http://localhost/api/v/short`, { headers }),
      params({ token: "short" }),
    );
    expect(r.status).toBe(429);
    // while a real link keeps working from the same address
    expect((await portalPageView(headers, token, NOW))?.title).toBe("Rekey the back door");
  });

  it("gates the portal page: ok for its link, invalid for a miss, limited past the miss limit", async () => {
    // an address of its own each run: misses are kept per address for the limit's window
    const octet = () => 1 + Math.floor(Math.random() * 250);
    const address = `10.${octet()}.${octet()}.${octet()}`;
    const headers = new Headers({ "x-forwarded-for": address });
    expect(await portalPageGate(headers, token, NOW)).toBe("ok");
    expect(await portalPageGate(headers, "short", NOW)).toBe("invalid");
    for (let i = 0; i < 30; i++) await portalPageGate(headers, newPortalToken().token, NOW);
    expect(await portalPageGate(headers, newPortalToken().token, NOW)).toBe("limited");
    expect(await portalPageGate(headers, token, NOW)).toBe("ok");
    // a made-up entry in front of the real one is not a new address
    const prepended = new Headers({ "x-forwarded-for": `198.51.100.1, ${address}` });
    expect(await portalPageGate(prepended, newPortalToken().token, NOW)).toBe("limited");
  });
});
