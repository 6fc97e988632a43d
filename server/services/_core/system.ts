import "server-only";
import { db as appDb, type DbOrTx } from "@/server/db";
import type { ServiceCtx, SystemActor } from "./context";

/**
 * The contexts background work runs in. A job calls the same service verbs a request does,
 * with the same context shape, so audit rows, live updates and tenant scoping work alike; the
 * actor is the job (its function id: "predict-sla-breaches", "triage-alert", …).
 */

/** A job's context for one tenant. */
export type JobCtx = ServiceCtx<SystemActor>;

/**
 * A job's context across every tenant (sweeps, history pruning, credential look-ups before a
 * tenant is known): no tenant of its own. Work on one tenant's rows goes through `forTenant`.
 */
export type PlatformCtx = { tenantId: null; actor: SystemActor; db: DbOrTx };

/** `db` defaults to the app's handle; tests and scripts may pass a transaction. */
export function jobContext(tenantId: string, job: string, db: DbOrTx = appDb): JobCtx {
  return { tenantId, actor: { type: "system", job }, db };
}

export function platformContext(job: string, db: DbOrTx = appDb): PlatformCtx {
  return { tenantId: null, actor: { type: "system", job }, db };
}

/** A job's context for one tenant's share of its work: the same job and database handle. */
export function forTenant(ctx: PlatformCtx | JobCtx, tenantId: string): JobCtx {
  return { tenantId, actor: ctx.actor, db: ctx.db };
}
