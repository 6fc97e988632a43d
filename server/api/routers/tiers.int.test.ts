import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTicket } from "@/server/services/sla/tickets";
import { callerFor, createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";

let t: TestTenant;
let noPlan: { clientId: string; siteId: string };
const tickets: Record<"gold" | "bronze" | "none", string> = { gold: "", bronze: "", none: "" };

beforeAll(async () => {
  t = await createTestTenant("tiers");
  const [client] = await db
    .insert(schema.clients)
    .values({ tenantId: t.tenant.id, name: "Plain Client", tier: "none" })
    .returning();
  if (!client) throw new Error("no client");
  const [site] = await db
    .insert(schema.sites)
    .values({
      tenantId: t.tenant.id,
      clientId: client.id,
      name: "Plain Site",
      timeZone: "UTC",
      latitude: 0,
      longitude: 0,
    })
    .returning();
  if (!site) throw new Error("no site");
  noPlan = { clientId: client.id, siteId: site.id };
  const ctx = await ctxFor(t.users.supervisor);
  const open = (siteId: string) =>
    createTicket(
      ctx,
      {
        siteId,
        title: "Door sensor offline",
        description: "",
        requester: "front desk",
        category: "facilities",
        priority: "P2",
      },
      new Date(),
    ).then((r) => r.id);
  tickets.gold = await open(t.sites[0]?.id ?? "");
  tickets.bronze = await open(t.sites[2]?.id ?? "");
  tickets.none = await open(site.id);
});

const silverNeeded = (client: string, now: string) => ({
  code: "FORBIDDEN",
  message: `SLA breach prevention needs the Silver plan or higher; ${client} ${now}`,
});

describe("plan tiers gate the procedures that act for one client's feature", () => {
  it("ticket.get (the SLA risk view) refuses a bronze or no-plan client's ticket, naming the tier", async () => {
    const caller = callerFor(t.users.supervisor);
    await expect(caller.ticket.get({ id: tickets.bronze })).rejects.toMatchObject(
      silverNeeded("Bronze Client", "is on Bronze"),
    );
    await expect(caller.ticket.get({ id: tickets.none })).rejects.toMatchObject(
      silverNeeded("Plain Client", "has no plan"),
    );
    const gold = await caller.ticket.get({ id: tickets.gold });
    expect(gold.ticket.id).toBe(tickets.gold);
  });

  it("ticket.risk narrowed to a client or site without breach prevention refuses; a gold client's passes", async () => {
    const caller = callerFor(t.users.noc_operator);
    await expect(
      caller.ticket.risk({ clientId: t.clients.bronze.id, limit: 10 }),
    ).rejects.toMatchObject(silverNeeded("Bronze Client", "is on Bronze"));
    await expect(caller.ticket.risk({ siteId: noPlan.siteId, limit: 10 })).rejects.toMatchObject(
      silverNeeded("Plain Client", "has no plan"),
    );
    const gold = await caller.ticket.risk({ clientId: t.clients.gold.id, limit: 10 });
    expect(gold.map((r) => r.id)).toContain(tickets.gold);
  });

  it("the list across clients keeps to the plans that include the feature", async () => {
    const rows = await callerFor(t.users.supervisor).ticket.risk({ limit: 50 });
    expect(rows.map((r) => r.id)).toEqual([tickets.gold]);
  });
});
