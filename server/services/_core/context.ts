import "server-only";
import type { Role } from "@/lib/roles";
import type { DbOrTx } from "@/server/db";

/** Which sites and clients a user may see. `all` for unscoped roles and unscoped users. */
export type Scope =
  | { all: true }
  | {
      all: false;
      /** every site in scope, directly or through its client */
      siteIds: string[];
      /** clients in scope as a whole */
      clientIds: string[];
      /** clients whose name and plan the user may read: whole clients plus owners of scoped sites */
      visibleClientIds: string[];
    };

export type UserActor = {
  type: "user";
  userId: string;
  role: Role;
  name: string;
  email: string;
  scope: Scope;
};
/** A background job (or script) acting: `job` is its function id, as audit rows name it. */
export type SystemActor = { type: "system"; job: string };
export type Actor =
  | UserActor
  | SystemActor
  | { type: "vendorToken"; tokenId: string }
  | { type: "apiKey"; keyId: string; name: string };

/** What every service verb receives: the tenant, who acts, and the database or transaction. */
export type ServiceCtx<A extends Actor = Actor> = {
  tenantId: string;
  actor: A;
  db: DbOrTx;
  /** set inside inTx: queues work (sending events) for after the transaction commits */
  afterCommit?: (fn: () => void) => void;
};

/** Runs `fn` once the caller's transaction commits, or now when there is none. */
export function afterCommit(ctx: ServiceCtx, fn: () => void): void {
  if (ctx.afterCommit) ctx.afterCommit(fn);
  else fn();
}

export function actorRef(actor: Actor): {
  type: "user" | "system" | "vendor_token" | "api_key";
  id: string;
  label: string;
} {
  switch (actor.type) {
    case "user":
      return { type: "user", id: actor.userId, label: actor.name };
    case "system":
      return { type: "system", id: actor.job, label: `job ${actor.job}` };
    case "vendorToken":
      return { type: "vendor_token", id: actor.tokenId, label: "vendor link" };
    case "apiKey":
      return { type: "api_key", id: actor.keyId, label: `API key ${actor.name}` };
  }
}
