import "server-only";
import type { SQL } from "drizzle-orm";
import type { KpiDriver, KpiKey } from "@/lib/scorecards";
import type { DbOrTx } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import { notTracked, type KpiMeasure } from "./kpis";

/** One client-month window of a tenant, for many clients at once (the monthly run does 200). */
export type SourceInput = { tenantId: string; clientIds: string[]; start: string; end: string };
export type Measures = Partial<Record<KpiKey, KpiMeasure>>;

/**
 * A module's share of the scorecard: the KPIs it answers and one set-based measurement for all
 * clients of the input. A module not built yet goes in as a `placeholder` until it lands; its
 * KPIs read "not tracked", never a number.
 */
export type KpiSource = {
  id: string;
  keys: readonly KpiKey[];
  measure(db: DbOrTx, input: SourceInput): Promise<Map<string, Measures>>;
};

export type Row = Record<string, unknown>;
export const uuids = (ids: string[]) => `{${ids.join(",")}}`;
export const num = (v: unknown) => (v == null ? 0 : Number(v));
export const rowsOf = (db: DbOrTx, q: SQL) => rawRows<Row>(db, q);

export function placeholder(id: string, keys: readonly KpiKey[], what: string): KpiSource {
  return {
    id,
    keys,
    measure: async (_db, input) =>
      new Map(
        input.clientIds.map((c) => [c, Object.fromEntries(keys.map((k) => [k, notTracked(what)]))]),
      ),
  };
}

/** The site (or vendor) with the most of `what` among a client's rows, and of how many in all. */
export function topDriver(rows: Row[], what: string): KpiDriver | null {
  let best: Row | undefined;
  let total = 0;
  for (const r of rows) {
    total += num(r.n);
    if (num(r.n) > 0 && (!best || num(r.n) > num(best.n))) best = r;
  }
  return best ? { label: String(best.label), count: num(best.n), of: total, what } : null;
}

export const byClient = (rows: Row[]) => {
  const m = new Map<string, Row[]>();
  for (const r of rows) {
    const k = String(r.client_id);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
};
