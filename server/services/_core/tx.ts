import type { Db, Tx } from "@/server/db";
import type { ServiceCtx } from "./context";

/** Runs `fn` in a transaction, joining the caller's if it already has one. */
export async function inTx<T>(
  ctx: ServiceCtx,
  fn: (tx: ServiceCtx & { db: Tx }) => Promise<T>,
): Promise<T> {
  if (isTx(ctx.db)) return fn({ ...ctx, db: ctx.db });
  return (ctx.db as Db).transaction((tx) => fn({ ...ctx, db: tx }));
}

function isTx(db: ServiceCtx["db"]): db is Tx {
  return "rollback" in db;
}
