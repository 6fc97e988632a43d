/**
 * Gathers keys and hands them over at most once per `intervalMs`, and never while the last
 * hand-over's promise is still pending: the first key after a quiet spell goes out at once,
 * keys arriving meanwhile go out together afterwards.
 *
 * The live stream uses it so that 50 alert events a second refetch the queue a few times a
 * second, not 50. Waiting for the refetch matters under load: a refetch started while
 * another runs cancels it, so with a slow server every refetch would be cancelled by the
 * next and the page would never settle.
 */
export function createKeyThrottle(
  intervalMs: number,
  flush: (keys: string[]) => unknown,
  /** a hand-over still pending after this long no longer holds the next one back */
  maxWaitMs = 5_000,
) {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let lastStart = Number.NEGATIVE_INFINITY;
  const schedule = () => {
    if (timer || running || !pending.size) return;
    timer = setTimeout(run, Math.max(0, lastStart + intervalMs - Date.now()));
  };
  const run = () => {
    timer = null;
    lastStart = Date.now();
    const keys = [...pending];
    pending.clear();
    running = true;
    let cap: ReturnType<typeof setTimeout> | undefined;
    void Promise.race([
      Promise.resolve().then(() => flush(keys)),
      new Promise((resolve) => (cap = setTimeout(resolve, maxWaitMs))),
    ])
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(cap);
        running = false;
        schedule();
      });
  };
  return {
    add(keys: Iterable<string>) {
      for (const k of keys) pending.add(k);
      schedule();
    },
    /** Drops what is gathered and any hand-over not yet started (it may be added to again). */
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}
