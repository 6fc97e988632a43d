/**
 * Gathers keys and hands them over at most once per `intervalMs`: the first key after a quiet
 * spell goes out at once, keys arriving within the interval go out together at its end.
 * The live stream uses it so that 50 alert events a second refetch the queue a few times a
 * second, not 50 (each refetch would otherwise cancel the one before it, and the queue would
 * never settle).
 */
export function createKeyThrottle(intervalMs: number, flush: (keys: string[]) => void) {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = Number.NEGATIVE_INFINITY;
  const run = () => {
    timer = null;
    last = Date.now();
    const keys = [...pending];
    pending.clear();
    if (keys.length) flush(keys);
  };
  return {
    add(keys: Iterable<string>) {
      for (const k of keys) pending.add(k);
      if (timer || !pending.size) return;
      timer = setTimeout(run, Math.max(0, last + intervalMs - Date.now()));
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}
