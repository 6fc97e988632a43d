import "server-only";
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Severity } from "@/lib/noc";
import { type DbOrTx, schema } from "@/server/db";
import type { OpenCount } from "./queue";

const { alerts } = schema;

/** How often a tenant's open alerts are read again in full: heals writes no one announced. */
export const OPEN_COUNTS_RESEED_MS = 30_000;
/** A tenant nobody has pushed to for this long is forgotten. */
const IDLE_MS = 5 * 60_000;

/** The fields of a changed alert that decide whether and where it counts. */
export type CountedRow = {
  id: string;
  status: string;
  suppressed: boolean;
  severity: Severity;
  assignedGroupId: string | null;
};

type State = {
  /** open, unsuppressed alert id → its count key */
  byId: Map<string, string>;
  counts: Map<string, number>;
  seededAt: number;
  usedAt: number;
  /** a full read under way, and the rows applied since it started (applied again on top) */
  reseed: { since: Map<string, CountedRow | null> } | null;
};

const keyOf = (severity: Severity, groupId: string | null) => `${severity}|${groupId ?? ""}`;

function set(state: State, id: string, key: string | null) {
  const old = state.byId.get(id);
  if (old === key) return;
  if (old !== undefined) {
    const n = (state.counts.get(old) ?? 0) - 1;
    if (n > 0) state.counts.set(old, n);
    else state.counts.delete(old);
    state.byId.delete(id);
  }
  if (key !== null) {
    state.byId.set(id, key);
    state.counts.set(key, (state.counts.get(key) ?? 0) + 1);
  }
}

function apply(state: State, id: string, row: CountedRow | null) {
  const counted = row && row.status !== "resolved" && !row.suppressed;
  set(state, id, counted ? keyOf(row.severity, row.assignedGroupId) : null);
}

async function read(db: DbOrTx, tenantId: string): Promise<State> {
  const rows = await db
    .select({ id: alerts.id, severity: alerts.severity, groupId: alerts.assignedGroupId })
    .from(alerts)
    .where(
      and(
        eq(alerts.tenantId, tenantId),
        ne(alerts.status, "resolved"),
        isNull(alerts.suppressedByWindowId),
      ),
    );
  const state: State = {
    byId: new Map(),
    counts: new Map(),
    seededAt: Date.now(),
    usedAt: Date.now(),
    reseed: null,
  };
  for (const r of rows) set(state, r.id, keyOf(r.severity, r.groupId));
  return state;
}

const tenants = new Map<string, State>();

/**
 * A tenant's open alerts by severity and group (as openCountsByGroup), kept up to date from the
 * live bus's batches instead of counted again for every push: with 77,000 open alerts the
 * count took 120–850 ms, on every push. The first batch of a tenant reads its open alerts once;
 * each batch then moves the changed alerts (`rows`, as read after the change; an id without a
 * row is gone). Writes nobody announced (a seed, a bulk fix) are healed by a full read every
 * OPEN_COUNTS_RESEED_MS, done beside the pushes; the rows applied meanwhile are applied again
 * on top of it. Per process, like the bus.
 */
export async function openCountsAfter<R extends CountedRow>(
  db: DbOrTx,
  tenantId: string,
  ids: string[],
  loadRows: () => Promise<R[]>,
): Promise<{ rows: R[]; counts: OpenCount[] }> {
  let state = tenants.get(tenantId);
  if (!state) {
    state = await read(db, tenantId);
    tenants.set(tenantId, state);
  } else if (!state.reseed && Date.now() - state.seededAt > OPEN_COUNTS_RESEED_MS) {
    const current = state;
    const since = new Map<string, CountedRow | null>();
    current.reseed = { since };
    void read(db, tenantId).then(
      (fresh) => {
        for (const [id, row] of since) apply(fresh, id, row);
        if (tenants.get(tenantId) === current) tenants.set(tenantId, fresh);
      },
      () => {
        current.reseed = null; // tried again with the next batch
        current.seededAt = Date.now();
      },
    );
  }
  // read after the state it is applied to, so it is never older than what the state holds
  const rows = await loadRows();
  state.usedAt = Date.now();
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of ids) {
    const row = byId.get(id) ?? null;
    apply(state, id, row);
    state.reseed?.since.set(id, row);
  }
  for (const [t, s] of tenants) if (Date.now() - s.usedAt > IDLE_MS) tenants.delete(t);
  const counts = [...state.counts].map(([key, n]) => {
    const [severity, group] = key.split("|") as [Severity, string];
    return { severity, groupId: group || null, n };
  });
  return { rows, counts };
}

/** Forgets a tenant's counts (null: every tenant's): changes were not all seen. */
export function forgetOpenCounts(tenantId: string | null): void {
  if (tenantId === null) tenants.clear();
  else tenants.delete(tenantId);
}
