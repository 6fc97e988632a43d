import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { can, type Capability } from "@/lib/permissions";
import { issueSummary } from "@/lib/schemas/common";
import { auth } from "@/server/auth";
import { db } from "@/server/db";
import type { ServiceCtx, UserActor } from "@/server/services/_core/context";
import { loadActiveUser } from "@/server/services/users/load-active-user";
import { TierRequiredError, ValidationError } from "@/server/services/_core/errors";
import { toTRPCError } from "./errors";

export async function createTRPCContext(opts: { headers: Headers }) {
  const session = await auth();
  return { session, headers: opts.headers };
}
type Context = Awaited<ReturnType<typeof createTRPCContext>>;

/** Every procedure declares the capability it needs (lib/permissions.ts); a test walks them. */
export type ProcedureMeta = { capability?: Capability };

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        // Unknown errors leak nothing; their cause is logged by the route's onError.
        message: internal
          ? "Something went wrong on our side. Try again; if it keeps happening, tell an admin."
          : shape.message,
        data: {
          ...shape.data,
          stack: undefined,
          zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
          // a service's own validation names the field it is about, for the form to show it there
          field: error.cause instanceof ValidationError ? (error.cause.field ?? null) : null,
          // a plan refusal names its feature, for the page to show it locked (components/ui/locked)
          feature: error.cause instanceof TierRequiredError ? error.cause.feature : null,
        },
      };
    },
  });

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

const mapServiceErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const { cause, code } = result.error;
    // an input that failed its schema says which field and why, not zod's JSON list of issues
    if (code === "BAD_REQUEST" && cause instanceof ZodError)
      throw new TRPCError({ code, message: issueSummary(cause), cause });
    const mapped = toTRPCError(cause);
    if (mapped) throw mapped;
  }
  return result;
});

const publicProcedure = t.procedure.use(mapServiceErrors);

const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session?.user?.id)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  return next({ ctx: { session: ctx.session } });
});

/** Resolves tenant, current role and scope once per request, from the database, not the token. */
const tenantProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const actor = await loadActiveUser(db, ctx.session.user.tenantId, ctx.session.user.id);
  if (!actor)
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: "Your account is no longer active. Sign in again.",
    });
  const svc: ServiceCtx<UserActor> = { tenantId: ctx.session.user.tenantId, actor, db };
  return next({ ctx: { svc } });
});

/** A procedure for the roles holding `capability` (`"signedIn"`: any active user of the tenant). */
export function requireCapability(capability: Capability) {
  return tenantProcedure.meta({ capability }).use(({ ctx, next }) => {
    if (!can(ctx.svc.actor.role, capability)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this" });
    }
    return next();
  });
}
