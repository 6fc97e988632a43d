import type { InngestEvent } from "./types";

/** events written in one transaction at most (group commit) */
export const MAX_BATCH_EVENTS = 1_000;
/** a sender of this many events or fewer is served before bulk senders */
const FEW_EVENTS = 10;

type Sender = { events: InngestEvent[]; resolve: () => void; reject: (err: unknown) => void };

/**
 * Events received over HTTP, written in group commits: events that arrive while a batch is
 * being written wait for the next one, so under load one transaction serves many senders, and
 * when idle an event is written at once.
 */
export class EventInbox {
  private waiting: Sender[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    /** writes one batch in one transaction (records the events, starts their runs) */
    private readonly write: (events: InngestEvent[]) => Promise<unknown>,
    /** called after each batch, written or not: there may be runs to take */
    private readonly written: () => void,
  ) {}

  receive(events: InngestEvent[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ events, resolve, reject });
      this.drain();
    });
  }

  /** Resolves once the batch being written (if any) is done. */
  async idle(): Promise<void> {
    await this.writing;
  }

  /**
   * The next group to write: senders of a few events (an operator's alert) before bulk senders
   * (a background function's hundreds), and at most MAX_BATCH_EVENTS events, so a flood is
   * written in pieces and a single event never waits behind all of it.
   */
  private takeBatch(): Sender[] {
    const ordered = [
      ...this.waiting.filter((b) => b.events.length <= FEW_EVENTS),
      ...this.waiting.filter((b) => b.events.length > FEW_EVENTS),
    ];
    const batch: Sender[] = [];
    let events = 0;
    for (const b of ordered) {
      if (batch.length && events + b.events.length > MAX_BATCH_EVENTS) break;
      batch.push(b);
      events += b.events.length;
    }
    const taken = new Set(batch);
    this.waiting = this.waiting.filter((b) => !taken.has(b));
    return batch;
  }

  private drain(): void {
    if (this.writing || !this.waiting.length) return;
    const batch = this.takeBatch();
    this.writing = (async () => {
      try {
        await this.write(batch.flatMap((b) => b.events));
        for (const b of batch) b.resolve();
      } catch (err) {
        if (batch.length === 1) return batch[0]?.reject(err);
        // one sender's bad event must not fail the others: write each on its own
        for (const b of batch) await this.write(b.events).then(() => b.resolve(), b.reject);
      }
    })()
      .catch((err: unknown) => {
        for (const b of batch) b.reject(err);
      })
      .finally(() => {
        this.writing = null;
        this.written();
        this.drain();
      });
  }
}
