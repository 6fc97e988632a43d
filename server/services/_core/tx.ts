import "server-only";
import type { Db, Tx } from "@/server/db";
import type { ServiceCtx } from "./context";

/**
 * Runs `fn` in a transaction, joining the caller's if it already has one. Work queued with
 * afterCommit (sending events) runs once the outermost transaction has committed.
 */
export async function inTx<T>(
  ctx: ServiceCtx,
  fn: (tx: ServiceCtx & { db: Tx }) => Promise<T>,
): Promise<T> {
  if (isTx(ctx.db)) return fn({ ...ctx, db: ctx.db });
  const queued: (() => void)[] = [];
  const result = await (ctx.db as Db).transaction((tx) =>
    fn({ ...ctx, db: tx, afterCommit: (f) => queued.push(f) }),
  );
  for (const f of queued) f();
  return result;
}

function isTx(db: ServiceCtx["db"]): db is Tx {
  return "rollback" in db;
}
