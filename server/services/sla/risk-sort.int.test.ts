import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { callerFor, createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { listRiskQueue } from "./queries";
import { createTicket } from "./tickets";

/** the instant the services see: pinned, so no test depends on the hour it runs at */
const NOW = new Date("2026-11-04T15:00:00Z");
const min = 60_000;

let t: TestTenant;
let other: TestTenant;
/** title → id */
const ids: Record<string, string> = {};

/** [title, priority, probability, minutes to due, minutes since created] */
const TICKETS = [
  ["a", "P3", 0.9, 300, 30],
  ["b", "P1", 0.4, 20, 200],
  ["c", "P2", 0.75, 120, 5],
  ["d", "P1", 0.6, 60, 100],
  ["e", "P4", null, 900, 2000],
] as const;

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("sla-sort"), createTestTenant("sla-sort-x")]);
  const ctx = await ctxFor(t.users.supervisor);
  for (const [title, priority, p, due, age] of TICKETS) {
    const { id } = await createTicket(
      ctx,
      {
        siteId: t.sites[0]?.id ?? "",
        title,
        description: "",
        requester: "test",
        category: "facilities",
        priority,
      },
      NOW,
    );
    ids[title] = id;
    await db
      .update(schema.tickets)
      .set({
        breachProbability: p,
        resolutionDueAt: new Date(NOW.getTime() + due * min),
        createdAt: new Date(NOW.getTime() - age * min),
      })
      .where(eq(schema.tickets.id, id));
  }
  // another tenant's ticket, due first and riskiest of all: never listed
  const otherCtx = await ctxFor(other.users.supervisor);
  const { id } = await createTicket(
    otherCtx,
    {
      siteId: other.sites[0]?.id ?? "",
      title: "x",
      description: "",
      requester: "test",
      category: "facilities",
      priority: "P1",
    },
    NOW,
  );
  await db
    .update(schema.tickets)
    .set({ breachProbability: 0.99, resolutionDueAt: new Date(NOW.getTime() + min) })
    .where(inArray(schema.tickets.id, [id]));
});

const titles = async (input: Parameters<typeof listRiskQueue>[1]) =>
  (await listRiskQueue(await ctxFor(t.users.supervisor), input, NOW)).map((r) => r.title);

describe("the SLA list sorts in SQL by the chosen column", () => {
  it("riskiest first by default, unscored last", async () => {
    expect(await titles({ limit: 50 })).toEqual(["a", "c", "d", "b", "e"]);
    expect(await titles({ limit: 50, sort: "risk", dir: "asc" })).toEqual([
      "b",
      "d",
      "c",
      "a",
      "e",
    ]);
  });
  it("by time left, least first or most first", async () => {
    expect(await titles({ limit: 50, sort: "timeLeft" })).toEqual(["b", "d", "c", "a", "e"]);
    expect(await titles({ limit: 50, sort: "timeLeft", dir: "desc" })).toEqual([
      "e",
      "a",
      "c",
      "d",
      "b",
    ]);
  });
  it("by priority (P1 first, soonest due within one) and by age (oldest first)", async () => {
    expect(await titles({ limit: 50, sort: "priority" })).toEqual(["b", "d", "c", "a", "e"]);
    expect(await titles({ limit: 50, sort: "priority", dir: "desc" })).toEqual([
      "e",
      "a",
      "c",
      "b",
      "d",
    ]);
    expect(await titles({ limit: 50, sort: "age" })).toEqual(["e", "b", "d", "a", "c"]);
    expect(await titles({ limit: 50, sort: "age", dir: "asc" })).toEqual(["c", "a", "d", "b", "e"]);
  });
  it("takes the limit from the sorted order, not the riskiest rows re-sorted", async () => {
    expect(await titles({ limit: 2, sort: "timeLeft" })).toEqual(["b", "d"]);
    expect(await titles({ limit: 2, sort: "age" })).toEqual(["e", "b"]);
  });
  it("through the procedure: a sort in the input, refused when it is not one of the columns", async () => {
    const caller = callerFor(t.users.supervisor);
    const rows = await caller.ticket.risk({ sort: "timeLeft", dir: "asc" });
    expect(rows.map((r) => r.id)).toEqual(["b", "d", "c", "a", "e"].map((k) => ids[k]));
    await expect(caller.ticket.risk({ sort: "title" as unknown as "risk" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    // the other tenant sees only its own ticket, whatever the order
    const theirs = await callerFor(other.users.supervisor).ticket.risk({ sort: "timeLeft" });
    expect(theirs.map((r) => r.title)).toEqual(["x"]);
  });
});

describe("the SLA list's state filter (the overview's At risk and Breached links)", () => {
  it("keeps only the running tickets at or over the alert line, or only the breached ones", async () => {
    expect(await titles({ limit: 50, state: "at-risk" })).toEqual(["a", "c"]);
    expect(await titles({ limit: 50, state: "breached" })).toEqual([]);
    // a fresh ticket whose resolution target passed before NOW
    const { id } = await createTicket(
      await ctxFor(t.users.supervisor),
      {
        siteId: t.sites[0]?.id ?? "",
        title: "late",
        description: "",
        requester: "test",
        category: "facilities",
        priority: "P1",
      },
      new Date(NOW.getTime() - 3 * 24 * 60 * min),
    );
    await db
      .update(schema.tickets)
      .set({ breachProbability: 0.95 })
      .where(eq(schema.tickets.id, id));
    expect(await titles({ limit: 50, state: "breached" })).toEqual(["late"]);
    expect(await titles({ limit: 50, state: "at-risk" })).toEqual(["a", "c"]);
    await expect(
      callerFor(t.users.supervisor).ticket.risk({ state: "late" as unknown as "breached" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
