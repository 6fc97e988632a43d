import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { and, eq, inArray, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOB_CATALOG, JOB_IDS, runRequestedEvent, type JobId } from "@/server/events/catalog";
import { functions } from "@/inngest/functions";
import { closeDb, db, schema } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { notifyUsers } from "@/server/services/notifications/enqueue";
import { createTestTenant, type TestTenant } from "@/server/test/factories";
import { startSmtpSink, type SmtpSink } from "@/server/test/smtp-sink";
import { runMigrations } from "../../../scripts/lib/migrate";
import { deliverNotificationsFn } from "./deliver-notifications";
import { pruneJobHistoryFn } from "./prune-job-history";
import { sweepNotificationsFn } from "./sweep-notifications";
import { rawRows } from "@/server/db/raw";

/*
 * The platform functions run by @inngest/test in this process, against PostgreSQL.
 *
 * The sweep and the prune work on every tenant's rows, so on the shared test database they
 * would deliver (or delete) rows other test files are still looking at, and their counts would
 * include those rows. This file therefore runs on a database of its own, made and migrated
 * here and dropped at the end, which also lets it check the functions' exact counts. Where
 * the server refuses CREATE DATABASE it falls back to the shared database and checks only
 * its own rows.
 */
const n = schema.notifications;
const NOW = new Date("2026-03-10T15:00:00Z");
const ENV_KEYS = ["DATABASE_URL", "SMTP_URL", "APP_URL"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

let isolated: { name: string; admin: postgres.Sql } | null = null;
let t: TestTenant;
let smtp: SmtpSink;

async function useOwnDatabase(): Promise<void> {
  const shared = process.env.DATABASE_URL;
  if (!shared) throw new Error("DATABASE_URL is not set");
  const name = `wf_fn_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = postgres(shared, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`create database "${name}"`);
  } catch (err) {
    console.warn(`[functions.int] using the shared database: ${String(err)}`);
    await admin.end();
    return;
  }
  isolated = { name, admin }; // dropped in afterAll, even if migrating fails
  const url = new URL(shared);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  // the app's db handle is made on first use, so it now connects to this database
  await closeDb();
  process.env.DATABASE_URL = url.toString();
}

beforeAll(async () => {
  await useOwnDatabase();
  if (isolated) {
    const [where] = await rawRows<{
      name: string;
    }>(db, sql`select current_database() as name`);
    expect(where?.name).toBe(isolated.name);
  }
  [t, smtp] = await Promise.all([createTestTenant("fn"), startSmtpSink()]);
  process.env.SMTP_URL = smtp.url;
  process.env.APP_URL = "https://watchfloor.example";
});

afterAll(async () => {
  await smtp?.stop();
  await closeDb();
  for (const key of ENV_KEYS) {
    const value = savedEnv[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  if (isolated) {
    await isolated.admin.unsafe(`drop database if exists "${isolated.name}" with (force)`);
    await isolated.admin.end();
  }
});

async function queueEmails(dedupeKey: string, userIds: string[]): Promise<string[]> {
  await notifyUsers(
    jobContext(t.tenant.id, "fn-test"),
    {
      subject: "Alarm escalated",
      body: "Alert 7 needs you",
      link: "/alerts/7",
      dedupeKey,
      userIds,
    },
    NOW,
  );
  const rows = await db
    .select({ id: n.id })
    .from(n)
    .where(
      and(
        eq(n.tenantId, t.tenant.id),
        inArray(
          n.dedupeKey,
          userIds.map((u) => `${dedupeKey}:email:${u}`),
        ),
      ),
    );
  expect(rows).toHaveLength(userIds.length);
  return rows.map((r) => r.id);
}

async function statuses(ids: string[]) {
  const rows = await db
    .select({ id: n.id, status: n.status, via: n.deliveredVia })
    .from(n)
    .where(inArray(n.id, ids));
  return Object.fromEntries(rows.map((r) => [r.id, `${r.status}:${r.via ?? "-"}`]));
}

const runRequested = (id: JobId) => ({
  name: runRequestedEvent(id),
  data: { requestedBy: "functions.int.test", tenantId: t.tenant.id },
});

describe("deliver-notifications", () => {
  it("delivers the notifications a notify/requested event names, and sums up", async () => {
    const ids = await queueEmails(`fn-deliver:${randomUUID()}`, [
      t.users.admin.id,
      t.users.supervisor.id,
    ]);
    // a Slack row with no webhook anywhere: a permanent failure
    const [slackRow] = await db
      .insert(n)
      .values({
        tenantId: t.tenant.id,
        channel: "slack",
        recipient: `group:${randomUUID()}`,
        subject: "No webhook",
        body: "nowhere to post",
        dedupeKey: `fn-deliver-slack:${randomUUID()}`,
      })
      .returning({ id: n.id });
    if (!slackRow) throw new Error("no Slack row");
    // due, but not named by the event: left alone
    const [bystander] = await queueEmails(`fn-bystander:${randomUUID()}`, [t.users.executive.id]);
    if (!bystander) throw new Error("no bystander");

    const engine = new InngestTestEngine({
      function: deliverNotificationsFn,
      events: [
        {
          name: "notify/requested",
          data: { tenantId: t.tenant.id, notificationIds: [...ids, slackRow.id] },
        },
      ],
    });
    const { result, error, ctx } = await engine.execute();

    expect(error).toBeUndefined();
    expect(result).toEqual({
      sent: 2,
      retrying: 0,
      failed: 1,
      summary: "2 sent, 0 to retry, 1 failed",
    });
    // one call to the app per request: delivery claims each row, so it needs no step
    expect(ctx.step.run).not.toHaveBeenCalled();
    expect(await statuses([...ids, slackRow.id, bystander])).toEqual({
      ...Object.fromEntries(ids.map((id) => [id, "sent:smtp"])),
      [slackRow.id]: "failed:-",
      [bystander]: "pending:-",
    });
    for (const id of ids) expect(smtp.withMessageId(id)).toHaveLength(1);
    expect(smtp.withMessageId(bystander)).toEqual([]);

    // the same event again (Inngest delivers at least once) sends nothing more
    const again = await new InngestTestEngine({
      function: deliverNotificationsFn,
      events: [{ name: "notify/requested", data: { tenantId: t.tenant.id, notificationIds: ids } }],
    }).execute();
    expect(again.result).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
      summary: "0 sent, 0 to retry, 0 failed",
    });
    for (const id of ids) expect(smtp.withMessageId(id)).toHaveLength(1);

    // tidy up so the sweep below starts from a known state
    await db.update(n).set({ status: "sent" }).where(eq(n.id, bystander));
  });
});

describe("sweep-notifications", () => {
  it("delivers what is due, on a cron tick or a run request, and leaves the rest", async () => {
    const [dueMail, retryMail, laterMail] = await queueEmails(`fn-sweep:${randomUUID()}`, [
      t.users.admin.id,
      t.users.noc_operator.id,
      t.users.site_manager.id,
    ]);
    if (!dueMail || !retryMail || !laterMail) throw new Error("no rows");
    // a retry whose backoff has passed, and one still backing off
    await db
      .update(n)
      .set({
        attempts: 2,
        lastError: "connect ECONNREFUSED",
        nextAttemptAt: sql`now() - interval '5 seconds'`,
      })
      .where(eq(n.id, retryMail));
    await db
      .update(n)
      .set({
        attempts: 1,
        lastError: "connect ECONNREFUSED",
        nextAttemptAt: sql`now() + interval '1 hour'`,
      })
      .where(eq(n.id, laterMail));

    const engine = new InngestTestEngine({
      function: sweepNotificationsFn,
      events: [runRequested("sweep-notifications")],
    });
    const { result, error, ctx } = await engine.execute();

    expect(error).toBeUndefined();
    expect(ctx.step.run).toHaveBeenCalledWith("deliver-due", expect.any(Function));
    if (isolated)
      expect(result).toEqual({
        sent: 2,
        retrying: 0,
        failed: 0,
        summary: "2 sent, 0 to retry, 0 failed",
      });
    else expect(result).toMatchObject({ sent: expect.any(Number) });
    expect(await statuses([dueMail, retryMail, laterMail])).toEqual({
      [dueMail]: "sent:smtp",
      [retryMail]: "sent:smtp",
      [laterMail]: "pending:-",
    });
    const [retried] = await db.select().from(n).where(eq(n.id, retryMail));
    expect(retried).toMatchObject({ attempts: 3, lastError: null });
    expect(smtp.withMessageId(dueMail)).toHaveLength(1);
    expect(smtp.withMessageId(retryMail)).toHaveLength(1);
    expect(smtp.withMessageId(laterMail)).toEqual([]);

    // the cron trigger (no run request) finds nothing more of ours
    const tick = await new InngestTestEngine({
      function: sweepNotificationsFn,
      events: [
        {
          name: "inngest/scheduled.timer",
          data: { cron: JOB_CATALOG["sweep-notifications"].cron },
        },
      ],
    }).execute();
    expect(tick.error).toBeUndefined();
    if (isolated)
      expect(tick.result).toEqual({
        sent: 0,
        retrying: 0,
        failed: 0,
        summary: "0 sent, 0 to retry, 0 failed",
      });
    expect(await statuses([laterMail])).toEqual({ [laterMail]: "pending:-" });
    expect(smtp.withMessageId(dueMail)).toHaveLength(1);
  });
});

describe("prune-job-history", () => {
  it("removes finished runs older than 30 days with their steps, and keeps the rest", async () => {
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    const run = (
      label: string,
      status: "completed" | "failed" | "cancelled" | "running",
      endedDaysAgo: number | null,
    ) => ({
      id: `fn-test-${label}-${randomUUID()}`,
      mode: "embedded" as const,
      functionId: "sweep-notifications",
      trigger: "cron" as const,
      triggerDetail: "* * * * *",
      event: { name: "inngest/scheduled.timer", data: {} },
      status,
      startedAt: daysAgo((endedDaysAgo ?? 45) + 0.01),
      endedAt: endedDaysAgo === null ? null : daysAgo(endedDaysAgo),
    });
    const oldCompleted = run("old-completed", "completed", 31);
    const oldFailed = run("old-failed", "failed", 90);
    const oldCancelled = run("old-cancelled", "cancelled", 45);
    const recent = run("recent", "completed", 29);
    const stillRunning = run("running", "running", null);
    const all = [oldCompleted, oldFailed, oldCancelled, recent, stillRunning];
    await db.insert(schema.jobRuns).values(all);
    await db.insert(schema.jobRunSteps).values([
      {
        runId: oldCompleted.id,
        stepId: "s1",
        name: "deliver-due",
        op: "StepRun",
        status: "completed",
      },
      { runId: recent.id, stepId: "s1", name: "deliver-due", op: "StepRun", status: "completed" },
    ]);
    const oldTick = { functionId: `fn-test-${randomUUID()}`, tickAt: daysAgo(31) };
    const newTick = { functionId: oldTick.functionId, tickAt: daysAgo(29) };
    await db.insert(schema.jobCronTicks).values([oldTick, newTick]);
    const oldEvent = {
      id: `fn-test-${randomUUID()}`,
      name: "notify/requested",
      receivedAt: daysAgo(31),
    };
    const newEvent = {
      id: `fn-test-${randomUUID()}`,
      name: "notify/requested",
      receivedAt: daysAgo(2),
    };
    await db.insert(schema.jobEvents).values([oldEvent, newEvent]);

    const { result, error, ctx } = await new InngestTestEngine({
      function: pruneJobHistoryFn,
      events: [runRequested("prune-job-history")],
    }).execute();

    expect(error).toBeUndefined();
    expect(ctx.step.run).toHaveBeenCalledWith("prune", expect.any(Function));
    if (isolated)
      expect(result).toEqual({
        runs: 3,
        events: 1,
        ticks: 1,
        predictions: 0,
        summary: "removed 3 runs, 1 events, 1 cron ticks, 0 old SLA predictions",
      });
    const left = await db
      .select({ id: schema.jobRuns.id })
      .from(schema.jobRuns)
      .where(
        inArray(
          schema.jobRuns.id,
          all.map((r) => r.id),
        ),
      );
    expect(left.map((r) => r.id).sort()).toEqual([recent.id, stillRunning.id].sort());
    const steps = await db
      .select({ runId: schema.jobRunSteps.runId })
      .from(schema.jobRunSteps)
      .where(inArray(schema.jobRunSteps.runId, [oldCompleted.id, recent.id]));
    expect(steps).toEqual([{ runId: recent.id }]);
    const ticks = await db
      .select({ tickAt: schema.jobCronTicks.tickAt })
      .from(schema.jobCronTicks)
      .where(eq(schema.jobCronTicks.functionId, oldTick.functionId));
    expect(ticks).toEqual([{ tickAt: newTick.tickAt }]);
    const events = await db
      .select({ id: schema.jobEvents.id })
      .from(schema.jobEvents)
      .where(inArray(schema.jobEvents.id, [oldEvent.id, newEvent.id]));
    // on the shared database another file's waiting run may hold old events back
    expect(events.map((e) => e.id).sort()).toEqual(
      isolated ? [newEvent.id] : expect.arrayContaining([newEvent.id]),
    );
  });
});

type TriggerLike = { event?: unknown; cron?: unknown };

/** The event names and cron schedules a function listens to. */
function triggersOf(fn: (typeof functions)[number]) {
  const triggers = (fn.opts.triggers ?? []) as readonly TriggerLike[];
  return {
    events: triggers.flatMap((tr) => (typeof tr.event === "string" ? [tr.event] : [])).sort(),
    crons: triggers.flatMap((tr) => (typeof tr.cron === "string" ? [tr.cron] : [])),
  };
}

describe("the job catalog", () => {
  it("lists every function, and every catalog entry has a function", () => {
    const ids = functions.map((fn) => fn.opts.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(JOB_IDS).toContain(id);
    expect([...ids].sort()).toEqual([...JOB_IDS].sort());
  });

  it("builds each function's triggers from its catalog entry", () => {
    for (const fn of functions) {
      const id = fn.opts.id as JobId;
      const job = JOB_CATALOG[id];
      const { events, crons } = triggersOf(fn);
      expect(fn.opts.name, id).toBe(job.name);
      if (job.cron === null) {
        expect(crons, id).toEqual([]);
        expect(events, id).toEqual([...job.events].sort());
      } else {
        expect(crons, id).toEqual([job.cron]);
        expect(events, id).toEqual([...job.events, runRequestedEvent(id)].sort());
      }
    }
  });
});
