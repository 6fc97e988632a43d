import "server-only";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { isDatabaseUnavailable, ServiceError } from "@/server/services/_core/errors";

/** What a request answers while the database is unreachable (503). */
export const DATABASE_UNAVAILABLE =
  "The database is unreachable right now; try again in a few seconds";

const CODES: Record<ServiceError["kind"], TRPC_ERROR_CODE_KEY> = {
  not_found: "NOT_FOUND",
  forbidden: "FORBIDDEN",
  conflict: "CONFLICT",
  validation: "BAD_REQUEST",
  tier_required: "FORBIDDEN",
  rate_limited: "TOO_MANY_REQUESTS",
  unavailable: "SERVICE_UNAVAILABLE",
};

/** The one place service errors become tRPC errors. */
export function toTRPCError(err: unknown): TRPCError | null {
  if (err instanceof ServiceError)
    return new TRPCError({ code: CODES[err.kind], message: err.message, cause: err });
  if (isDatabaseUnavailable(err))
    return new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: DATABASE_UNAVAILABLE,
      cause: err,
    });
  return null;
}

/** HTTP status for a service error, for route handlers outside tRPC. */
export const HTTP_STATUS: Record<ServiceError["kind"], number> = {
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  validation: 400,
  tier_required: 403,
  rate_limited: 429,
  unavailable: 503,
};
