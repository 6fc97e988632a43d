import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@/server/db";
import { driveRun } from "./drive";
import { loadFunctions, saveFunctions, syncApp } from "./registry";
import { RegistrationRefused } from "./refusals";
import { claimDueRuns, pidAlive, releaseDeadLeases } from "./claim";
import { ingestEvents, startFromRecentEvents, takeOutbox } from "./ingest";
import type { RunRow } from "./runs";
import { EventInbox, MAX_BATCH_EVENTS } from "./inbox";
import { CronScheduler } from "./scheduler";
import type { InngestEvent, RegisteredFunction } from "./types";

const RECENT_EVENTS_MS = 10 * 60_000;

export type ExecutorOptions = {
  db: Db;
  /** the app's serve endpoint, e.g. http://127.0.0.1:3000/api/inngest */
  appUrl: string;
  pollMs?: number;
  leaseMs?: number;
  backoffBaseMs?: number;
  concurrency?: number;
  /**
   * take the app's events from the outbox table (event_outbox) rather than only over HTTP:
   * the embedded executor does, so an event committed by the app is never lost with it
   */
  drainOutbox?: boolean;
  log?: (line: string) => void;
};

/**
 * Runs the app's Inngest functions the way Inngest's dev server does — registration, events,
 * cron, durable steps, sleeps, waits and retries — with all state in PostgreSQL.
 */
export class Executor {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private functions: RegisteredFunction[] = [];
  private readonly cron: CronScheduler;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  /** work arrived while a tick was running: tick again as soon as it ends */
  private again = false;
  private readonly inbox = new EventInbox(
    async (events) => {
      if (!this.functions.length) this.functions = await loadFunctions(this.opts.db);
      await ingestEvents(this.opts.db, this.functions, events);
    },
    () => this.poke(),
  );
  private synced = false;
  /** the last refusal logged */
  private refusal: string | null = null;
  /** the last tick failed: its error was logged */
  private failing = false;
  private lastSyncAttempt = 0;
  private readonly active = new Set<Promise<unknown>>();
  /** runs in flight that a `priority.run` put behind (bulk work) */
  private activeBehind = 0;
  private readonly opts: Required<Omit<ExecutorOptions, "log">> & { log: (line: string) => void };

  constructor(opts: ExecutorOptions) {
    this.opts = {
      pollMs: 250,
      leaseMs: 60_000,
      backoffBaseMs: 2_000,
      // runs mostly wait on the app's HTTP answers, so a few dozen in flight cost little
      concurrency: 32,
      drainOutbox: false,
      log: () => undefined,
      ...opts,
    };
    this.cron = new CronScheduler(opts.db);
  }

  get registered(): readonly RegisteredFunction[] {
    return this.functions;
  }

  /** Out-of-band registration (the SDK's POST /fn/register after a PUT to the app). */
  async register(fns: RegisteredFunction[]): Promise<void> {
    const known = new Set((await loadFunctions(this.opts.db)).map((f) => f.id));
    await saveFunctions(this.opts.db, fns);
    this.functions = fns;
    this.synced = true;
    this.opts.log(`registered ${fns.length} functions`);
    // events that arrived while the app (and so these functions) were still starting
    const added = fns.filter((f) => !known.has(f.id));
    if (added.length) await startFromRecentEvents(this.opts.db, added, RECENT_EVENTS_MS);
  }

  /** In-band sync with the app; retried by the loop until the app answers. */
  async sync(): Promise<boolean> {
    this.lastSyncAttempt = Date.now();
    try {
      await this.register(await syncApp(this.opts.appUrl));
      this.refusal = null;
      return true;
    } catch (err) {
      if (err instanceof RegistrationRefused) this.refused(err);
      if (!this.functions.length) this.functions = await loadFunctions(this.opts.db);
      return false;
    }
  }

  /**
   * Says why the app's functions were refused (once per refusal, not at every retry). The
   * refused sync changed nothing: functions registered before stay as they were.
   */
  refused(err: RegistrationRefused): void {
    if (err.message === this.refusal) return;
    this.refusal = err.message;
    this.opts.log(err.message);
  }

  /** Records events and starts their runs (in group commits: see inbox.ts). */
  async receive(events: InngestEvent[]): Promise<string[]> {
    await this.inbox.receive(events);
    return events.map((e) => e.id);
  }

  /** One pass: fire due cron ticks, then work on due runs. */
  async tick(options: { maxRounds?: number } = {}): Promise<void> {
    // until the app answers, try every few seconds; then re-sync now and then to pick up changes
    if (Date.now() - this.lastSyncAttempt > (this.synced ? 60_000 : 3_000)) await this.sync();
    // until the functions are known, an event would start nothing: leave it in the outbox
    if (this.opts.drainOutbox && this.functions.length) {
      const taken = await takeOutbox(this.opts.db, this.functions, MAX_BATCH_EVENTS);
      if (taken === MAX_BATCH_EVENTS && options.maxRounds === undefined) this.again = true;
    }
    await this.cron.tick(this.functions);
    const free = this.opts.concurrency - this.active.size;
    if (free <= 0) return;
    const { db, leaseMs } = this.opts;
    const runs = await claimDueRuns(db, this.owner, leaseMs, free, { min: 0, max: 1 });
    // Runs put behind (an SLA run's thousands of alerts) take what is left, and never more than
    // a quarter of the slots: a flood of them must not take the processor from the alerts that
    // arrive one at a time, whose triage would otherwise wait on a saturated app.
    const behindSlots = Math.max(1, Math.floor(this.opts.concurrency / 4)) - this.activeBehind;
    const behind = await claimDueRuns(
      db,
      this.owner,
      leaseMs,
      Math.min(free - runs.length, behindSlots),
      { min: -1, max: -1 },
    );
    for (const run of [...runs, ...behind]) {
      const isBehind = run.priority < 0;
      if (isBehind) this.activeBehind += 1;
      const work = this.work(run, options.maxRounds).finally(() => {
        if (isBehind) this.activeBehind -= 1;
        this.active.delete(work);
        // a slot is free: take the next due run now rather than at the next poll
        if (options.maxRounds === undefined) this.poke();
      });
      this.active.add(work);
    }
    // a full batch suggests more are due
    if (runs.length + behind.length === free && options.maxRounds === undefined) this.again = true;
    if (options.maxRounds !== undefined) await Promise.all(this.active);
  }

  private async work(run: RunRow, maxRounds: number | undefined): Promise<void> {
    let fn = this.functions.find((f) => f.id === run.functionId);
    if (!fn) {
      this.functions = await loadFunctions(this.opts.db);
      fn = this.functions.find((f) => f.id === run.functionId);
    }
    if (!fn) {
      this.opts.log(`run ${run.id}: function ${run.functionId} is not registered`);
      return;
    }
    try {
      const state = await driveRun(fn, run, {
        db: this.opts.db,
        owner: this.owner,
        leaseMs: this.opts.leaseMs,
        backoffBaseMs: this.opts.backoffBaseMs,
        maxRounds,
        onFinalFailure: async (failed, error) => {
          // lets onFailure handlers run, as Inngest does
          await this.receive([
            {
              id: `failed:${failed.id}`,
              name: "inngest/function.failed",
              data: {
                function_id: failed.functionId,
                run_id: failed.id,
                error,
                event: failed.event,
              },
              ts: Date.now(),
            },
          ]);
        },
      });
      if (state.status === "completed" || state.status === "failed") {
        this.opts.log(
          `run ${run.id} ${fn.id}: ${state.status}${state.error ? ` (${state.error})` : ""}`,
        );
      }
    } catch (err) {
      this.opts.log(
        `run ${run.id} ${fn.id}: executor error ${err instanceof Error ? err.stack : String(err)}`,
      );
    }
  }

  /** Wakes the executor now (events committed to the outbox: see scripts/executor.ts). */
  wake(): void {
    this.poke();
  }

  /**
   * Ticks now, or right after the tick in progress: events and freed slots wake the executor
   * at once, and polling only catches sleeps, retries and cron.
   */
  private poke() {
    if (!this.timer) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.again = false;
    this.ticking = this.tick()
      .then(() => {
        this.failing = false;
      })
      .catch((err: unknown) => {
        // the loop goes on (the database may be restarting); say so once, not every poll
        if (!this.failing) this.opts.log(`tick failed (retrying every poll): ${String(err)}`);
        this.failing = true;
      })
      .finally(() => {
        this.ticking = null;
        if (this.again) this.poke();
      });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.poke(), this.opts.pollMs);
    // runs a killed executor on this machine was working on are taken again now, not in a minute
    void releaseDeadLeases(this.opts.db, hostname(), pidAlive)
      .then((n) => {
        if (n) this.opts.log(`took back ${n} runs from executors that are no longer running`);
      })
      .catch(() => undefined)
      .finally(() => this.poke());
  }

  /** Stops taking work and waits for what is in flight. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    await this.inbox.idle();
    await Promise.all(this.active);
  }
}
