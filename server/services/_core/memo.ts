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
