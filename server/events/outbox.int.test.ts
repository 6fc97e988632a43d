import { inArray, notInArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { enqueueEvents, relayOutboxOnce } from "./outbox";
import type { AppEvent } from "./schemas";

/** A well-formed event, told apart by `n`; nothing in these tests runs it. */
const event = (n: number): AppEvent => ({
  name: "notify/requested",
  data: {
    tenantId: "00000000-0000-4000-8000-00000000abcd",
    notificationIds: [`00000000-0000-4000-8000-${String(n).padStart(12, "0")}`],
  },
});

const rows = (ids: string[]) =>
  db.select().from(schema.eventOutbox).where(inArray(schema.eventOutbox.id, ids));

describe("the event outbox", () => {
  it("keeps an event only if its transaction commits", async () => {
    let ids: string[] = [];
    await db
      .transaction(async (tx) => {
        ids = await enqueueEvents(tx, [event(1)]);
        tx.rollback();
      })
      .catch(() => undefined);
    expect(await rows(ids)).toHaveLength(0);
    ids = await db.transaction((tx) => enqueueEvents(tx, [event(2)]));
    expect(await rows(ids)).toHaveLength(1);
  });

  it("the relay keeps what it could not send, tries again later, and deletes what was accepted", async () => {
    const ids = await enqueueEvents(db, [event(1), event(2)]);
    // The relay takes the oldest due events first. Other tests leave events in the outbox (on
    // a database kept between runs they pile up: past 500 the relay never reached these two):
    // they wait an hour, so that these are the ones due.
    await db
      .update(schema.eventOutbox)
      .set({ nextAttemptAt: new Date(Date.now() + 3_600_000) })
      .where(notInArray(schema.eventOutbox.id, ids));
    const refused = await relayOutboxOnce(db, () => Promise.reject(new Error("fetch failed")), 500);
    expect(refused).toBe(0);
    const kept = await rows(ids);
    expect(kept.map((r) => r.attempts)).toEqual([1, 1]);
    expect(kept.every((r) => r.lastError === "fetch failed")).toBe(true);
    expect(kept.every((r) => r.nextAttemptAt.getTime() > Date.now())).toBe(true);

    // due again: sent with their ids (the receiver recognises a resend), then gone
    await db
      .update(schema.eventOutbox)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(inArray(schema.eventOutbox.id, ids));
    const sent: string[] = [];
    await relayOutboxOnce(
      db,
      async (events) => {
        sent.push(...events.map((e) => e.id));
      },
      5_000,
    );
    expect(sent).toEqual(expect.arrayContaining(ids));
    expect(await rows(ids)).toHaveLength(0);
  });
});
