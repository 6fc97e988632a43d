import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inBatches } from "./batches";
import { db } from "./index";
import { rawRows } from "@/server/db/raw";

const numbers = (n: number) => sql`select g as n from generate_series(1, ${n}::int) g`;

describe("inBatches", () => {
  it("reads a query by a cursor, size rows at a time, in order", async () => {
    const sizes: number[] = [];
    const seen: number[] = [];
    for await (const rows of inBatches<{ n: number }>(db, numbers(25), 10)) {
      sizes.push(rows.length);
      seen.push(...rows.map((r) => r.n));
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it("gives a transaction's rows in one piece", async () => {
    const sizes = await db.transaction(async (tx) => {
      const out: number[] = [];
      for await (const rows of inBatches(tx, numbers(25), 10)) out.push(rows.length);
      return out;
    });
    expect(sizes).toEqual([25]);
  });

  it("closes a cursor left early, leaving its connection usable", async () => {
    for await (const rows of inBatches(db, numbers(1000), 10)) {
      expect(rows).toHaveLength(10);
      break;
    }
    // its backend is idle again, not parked on a suspended portal holding a pooled connection
    const [busy] = await rawRows<{
      n: number;
    }>(
      db,
      sql`
      select count(*)::int as n from pg_stat_activity
      where pid <> pg_backend_pid() and state <> 'idle' and query like '%generate_series(1, $1::int) g%'`,
    );
    expect(busy?.n).toBe(0);
  });
});
