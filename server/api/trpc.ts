import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Capability } from "@/lib/permissions";
import { issueSummary } from "@/lib/schemas/common";
import { auth } from "@/server/auth";
import { ConflictError, TierRequiredError, ValidationError } from "@/server/services/_core/errors";
import { toTRPCError } from "./errors";
import { capabilityRefusal, type Refusal, staffFromSession } from "./signed-in";

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
          // a service's own validation or conflict names the field it is about, for the form
          field:
            error.cause instanceof ValidationError || error.cause instanceof ConflictError
              ? (error.cause.field ?? null)
              : null,
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

const REFUSAL_CODE = { 401: "UNAUTHORIZED", 403: "FORBIDDEN" } as const;
const refuse = (r: Refusal) => new TRPCError({ code: REFUSAL_CODE[r.status], message: r.message });

/** Resolves tenant, current role and scope once per request (signed-in.ts, as route handlers do). */
const tenantProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const staff = await staffFromSession(ctx.session);
  if ("refusal" in staff) throw refuse(staff.refusal);
  return next({ ctx: { svc: staff.ctx } });
});

/** A procedure for the roles holding `capability` (`"signedIn"`: any active user of the tenant). */
export function requireCapability(capability: Capability) {
  return tenantProcedure.meta({ capability }).use(({ ctx, next }) => {
    const refusal = capabilityRefusal(ctx.svc.actor, capability);
    if (refusal) throw refuse(refusal);
    return next();
  });
}
