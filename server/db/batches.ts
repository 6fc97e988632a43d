import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { clientOf, type DbOrTx } from "./index";
import { rawRows } from "./raw";

/**
 * A query's rows, `size` at a time, by a cursor on the process's pool; the next batch is read
 * while the caller works on one. Inside a transaction they come in one piece:
 * Drizzle has no cursor, and a transaction's connection is its own.
 */
export async function* inBatches<T extends Record<string, unknown>>(
  db: DbOrTx,
  query: SQL,
  size: number,
): AsyncGenerator<T[]> {
  const client = clientOf(db);
  if (!client) {
    yield await rawRows<T>(db, query);
    return;
  }
  const { sql: text, params } = new PgDialect().sqlToQuery(query);
  const cursor = client
    .unsafe(text, params as never[])
    .cursor(size)
    [Symbol.asyncIterator]();
  type Batch = IteratorResult<T[]>;
  let batch = (await cursor.next()) as Batch;
  let next: Promise<Batch> | null = null;
  try {
    while (!batch.done) {
      next = cursor.next() as Promise<Batch>;
      yield batch.value;
      batch = await next;
      next = null;
    }
  } finally {
    // left early (an error while scoring): let the read in flight land, then close the cursor
    if (!batch.done) {
      await next?.catch(() => undefined);
      await cursor.return?.();
    }
  }
}
