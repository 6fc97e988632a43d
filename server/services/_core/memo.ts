import "server-only";

/**
 * Shares one computation per key among all callers for `ttlMs` after it starts (and while it
 * runs), so that many pages asking for the same slow figure cost one query. A failed
 * computation is forgotten at once, so the next caller tries again.
 */
export function ttlMemo<T>(ttlMs: number, maxKeys = 1_000) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return (key: string, compute: () => Promise<T>): Promise<T> => {
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < ttlMs) return hit.value;
    const value = compute();
    entries.set(key, { at: now, value });
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    if (entries.size > maxKeys) {
      for (const [k, e] of entries) if (now - e.at >= ttlMs) entries.delete(k);
    }
    return value;
  };
}

/**
 * Like `ttlMemo`, but once a value is older than `freshMs` callers get it at once while one
 * computation refreshes it behind them (stale-while-revalidate): a slow figure never makes a
 * caller wait except the very first, or once the value is older than `maxStaleMs` (a page
 * after a long quiet spell waits rather than show a long-stale figure). A failed refresh keeps
 * the old value, and the next caller tries again.
 */
export function staleWhileRevalidate<T>(freshMs: number, maxStaleMs: number, maxKeys = 1_000) {
  type Entry = { at: number; value: Promise<T>; refreshing: boolean };
  const entries = new Map<string, Entry>();
  const start = (key: string, compute: () => Promise<T>, prior?: Entry): Promise<T> => {
    const at = Date.now();
    const value = compute();
    if (prior) prior.refreshing = true;
    value.then(
      () => {
        const current = entries.get(key);
        if (!current || current.at <= at) entries.set(key, { at, value, refreshing: false });
      },
      () => {
        if (prior) prior.refreshing = false;
        if (entries.get(key)?.value === value) entries.delete(key);
      },
    );
    return value;
  };
  return (key: string, compute: () => Promise<T>): Promise<T> => {
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < freshMs) return hit.value;
    if (hit && now - hit.at < maxStaleMs) {
      if (!hit.refreshing) void start(key, compute, hit).catch(() => undefined);
      return hit.value;
    }
    const value = start(key, compute);
    entries.set(key, { at: now, value, refreshing: false });
    if (entries.size > maxKeys) {
      for (const [k, e] of entries) if (now - e.at >= maxStaleMs) entries.delete(k);
    }
    return value;
  };
}

/**
 * Shares a computation per key among the callers that ask while it runs, and no longer: a
 * caller gets a value whose read began at most one computation before it asked (as two reads
 * side by side would race anyway), never one kept from earlier. 200 pages opening at once
 * cost a few reads of the figure instead of 200.
 */
export function shareInFlight<T>() {
  const running = new Map<string, Promise<T>>();
  return (key: string, compute: () => Promise<T>): Promise<T> => {
    const hit = running.get(key);
    if (hit) return hit;
    const value = compute().finally(() => running.delete(key));
    running.set(key, value);
    return value;
  };
}
