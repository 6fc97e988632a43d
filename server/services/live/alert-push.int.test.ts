import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeLive } from "@/lib/live-wire";
import { NOT_IN_PLAN } from "@/lib/noc";
import { db, schema } from "@/server/db";
import {
  alertRow,
  callerFor,
  createTestGroup,
  createTestTenant,
  ctxFor,
  type TestTenant,
  type TestUser,
} from "@/server/test/factories";
import { jobContext } from "../_core/system";
import { triageAlert } from "../noc/triage";
import type { LiveOut } from "./bus";
import { liveEventStream } from "./stream";
import { publish } from "./publish";
import { userSubscriber } from "./subscriber";

let t: TestTenant;
let fire: string;
let locks: string;

beforeAll(async () => {
  t = await createTestTenant("push");
  fire = await createTestGroup(t, "Fire", [t.users.specialist]);
  locks = await createTestGroup(t, "Locks", []);
});

/**
 * Opens the user's live stream as /api/live does, runs `act`, gathers the alert messages until
 * `until` holds or the stream ends (`ended`), or 3 s pass.
 */
async function watch(user: TestUser, until: (e: LiveOut[]) => boolean, act: () => Promise<void>) {
  const controller = new AbortController();
  const ctx = await ctxFor(user);
  const stream = liveEventStream(user.tenantId, userSubscriber(ctx), controller.signal);
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  /** The next `data:` message, parsed as the browser does. */
  const next = async (): Promise<LiveOut | null> => {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (frame.startsWith("data: ")) return decodeLive(frame.slice(6));
        continue; // retry: and ping comments
      }
      const chunk = await reader.read();
      if (chunk.done) return null;
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
  expect(await next()).toEqual({ topic: "ready", ids: null });
  const events: LiveOut[] = [];
  let ended = false;
  const done = (async () => {
    while (!until(events)) {
      const message = await next();
      if (!message) {
        ended = true;
        break;
      }
      if (message.topic === "alert") events.push(message);
    }
  })();
  await act();
  await Promise.race([done, new Promise((r) => setTimeout(r, 3000))]);
  controller.abort();
  return Object.assign(events, { ended });
}

/** Writes alerts and announces each, all in one transaction (so the bus hears them at once). */
async function raise(
  specs: { title: string; groupId?: string | null; severity?: "critical" | "low" }[],
) {
  return db.transaction(async (tx) => {
    const site = t.sites[0];
    if (!site) throw new Error("no site");
    const rows = await tx
      .insert(schema.alerts)
      .values(
        specs.map((s, i) =>
          alertRow(site, {
            type: "FIRE_ALARM" as const,
            severity: s.severity ?? "critical",
            title: s.title,
            score: 70 + i,
            assignedGroupId: s.groupId ?? null,
          }),
        ),
      )
      .returning({ id: schema.alerts.id });
    for (const r of rows) await publish(jobContext(t.tenant.id, "test", tx), "alert", [r.id]);
    return rows.map((r) => r.id);
  });
}

const queueOf = (events: LiveOut[]) => events.flatMap((e) => ("queue" in e ? [e.queue] : []));

describe("alert changes pushed to open pages", () => {
  it("gathers a burst into one push carrying the rows and the header's counts", async () => {
    let ids: string[] = [];
    const events = await watch(
      t.users.noc_operator,
      (e) => queueOf(e).flatMap((q) => q.rows).length >= 10,
      async () => {
        ids = await raise(Array.from({ length: 10 }, (_, i) => ({ title: `burst ${i}` })));
      },
    );
    expect(events).toHaveLength(1);
    const [q] = queueOf(events);
    expect(q?.rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(q?.rows[0]).toMatchObject({ type: "FIRE_ALARM", status: "new", suppressed: false });
    expect(q?.rows[0]?.firstSeenAt).toBeInstanceOf(Date);
    // each pushed row, as the page decodes it, is the row alert.list gives
    const listed = await callerFor(t.users.noc_operator).alert.list({ limit: 250 });
    for (const r of q?.rows ?? []) expect(r).toEqual(listed.find((l) => l.id === r.id));
    expect(q?.gone).toEqual([]);
    expect(q?.stats.open.critical).toBeGreaterThanOrEqual(10);
    // the header's MTTA/MTTR ride along, as alert.stats gives them
    expect(q?.stats).toEqual(await callerFor(t.users.noc_operator).alert.stats());
  });

  it("shows a specialist only their groups' rows, names the others as gone, counts theirs", async () => {
    const before = await callerFor(t.users.specialist).alert.stats();
    let mine: string | undefined;
    let theirs: string | undefined;
    const events = await watch(
      t.users.specialist,
      (e) => queueOf(e).some((q) => q.gone.length > 0),
      async () => {
        [mine, theirs] = await raise([
          { title: "in fire", groupId: fire, severity: "low" },
          { title: "in locks", groupId: locks, severity: "low" },
        ]);
      },
    );
    const [q] = queueOf(events);
    expect(q?.rows.map((r) => r.id)).toEqual([mine]);
    expect(q?.gone).toEqual([theirs]);
    expect(q?.stats.open.low).toBe((before.open.low ?? 0) + 1);
    expect(q?.stats.open.critical ?? 0).toBe(before.open.critical ?? 0);
  });

  it("names resolved alerts without their rows", async () => {
    const [id = ""] = await raise([{ title: "to resolve" }]);
    const events = await watch(
      t.users.noc_operator,
      (e) => queueOf(e).some((q) => q.resolved.includes(id)),
      async () => {
        await db.transaction(async (tx) => {
          await tx
            .update(schema.alerts)
            .set({ status: "resolved", resolvedAt: new Date(), resolution: "false_alarm" })
            .where(eq(schema.alerts.id, id));
          await publish(jobContext(t.tenant.id, "test", tx), "alert", [id]);
        });
      },
    );
    const [q] = queueOf(events);
    expect(q?.resolved).toEqual([id]);
    expect(q?.rows).toEqual([]);
  });

  it("gives roles without the queue the ids only", async () => {
    const events = await watch(
      t.users.site_manager,
      (e) => e.length > 0,
      async () => {
        await raise([{ title: "not for managers" }]);
      },
    );
    expect(events).toHaveLength(1);
    expect(events[0]).not.toHaveProperty("queue");
    expect(events[0]?.ids).toHaveLength(1);
  });

  it("ends a deactivated user's open stream, and carries rows no more once their role has no queue", async () => {
    const other = await createTestTenant("push-access");
    const admin = callerFor(other.users.admin);
    const site = other.sites[0];
    if (!site) throw new Error("no site");
    const announce = async () =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .insert(schema.alerts)
          .values(alertRow(site, { title: "after the change" }))
          .returning({ id: schema.alerts.id });
        await publish(jobContext(other.tenant.id, "test", tx), "alert", [row?.id ?? ""]);
      });

    // demoted to site manager: the next push names the alert without its row
    const demoted = await watch(
      other.users.noc_operator,
      (e) => e.length > 0,
      async () => {
        await admin.user.update({ id: other.users.noc_operator.id, role: "site_manager" });
        await announce();
      },
    );
    expect(demoted.ended).toBe(false);
    expect(demoted).toHaveLength(1);
    expect(demoted[0]).not.toHaveProperty("queue");

    // deactivated: the stream ends without another message
    const deactivated = await watch(
      other.users.supervisor,
      () => false,
      async () => {
        await admin.user.update({ id: other.users.supervisor.id, active: false });
        await announce();
      },
    );
    expect(deactivated.ended).toBe(true);
    expect(deactivated).toHaveLength(0);
  });
});

describe("triage of a client without AI triage on its plan", () => {
  it("pushes the row again, so open pages stop showing it as being scored", async () => {
    const u = await createTestTenant("push-no-plan");
    await db
      .update(schema.clients)
      .set({ tier: "none" })
      .where(eq(schema.clients.id, u.clients.bronze.id));
    const store = u.sites[2];
    if (!store) throw new Error("no site");
    const [row] = await db
      .insert(schema.alerts)
      .values(alertRow(store, { title: "no plan", severity: "critical" as const }))
      .returning({ id: schema.alerts.id });
    const id = row?.id ?? "";
    const events = await watch(
      u.users.noc_operator,
      (e) => queueOf(e).some((q) => q.rows.some((r) => r.id === id)),
      async () => {
        await triageAlert(jobContext(u.tenant.id, "triage-alert"), { alertId: id }, new Date());
      },
    );
    const pushed = queueOf(events).flatMap((q) => q.rows.filter((r) => r.id === id));
    expect(pushed).toMatchObject([{ score: null, scoredBy: NOT_IN_PLAN }]);
  });
});
