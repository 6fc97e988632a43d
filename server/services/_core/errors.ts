import "server-only";
import type { Feature, Tier } from "@/lib/tiers";
import { FEATURES, TIER_LABELS } from "@/lib/tiers";

export type ServiceErrorKind =
  | "not_found"
  | "forbidden"
  | "conflict"
  | "validation"
  | "tier_required"
  | "rate_limited"
  | "unavailable";

/** Typed errors thrown by services; one mapper turns them into tRPC / HTTP errors. */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly kind: ServiceErrorKind,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends ServiceError {
  constructor(entity: string) {
    super(`${entity} not found`, "not_found");
  }
}

export class ForbiddenError extends ServiceError {
  constructor(message = "You do not have permission to do that") {
    super(message, "forbidden");
  }
}

/** A clash with what is stored; `field` names the form field it is about (a taken name). */
export class ConflictError extends ServiceError {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message, "conflict");
  }
}

export class ValidationError extends ServiceError {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message, "validation");
  }
}

/** "SLA breach prevention needs the Silver plan or higher; Acme is on Bronze" (platform.md). */
export class TierRequiredError extends ServiceError {
  constructor(
    readonly feature: Feature,
    clientName: string,
    clientTier: Tier,
  ) {
    const f = FEATURES[feature];
    const now = clientTier === "none" ? "has no plan" : `is on ${TIER_LABELS[clientTier]}`;
    super(
      `${f.label} needs the ${TIER_LABELS[f.minTier]} plan or higher; ${clientName} ${now}`,
      "tier_required",
    );
  }
}

export class RateLimitedError extends ServiceError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, "rate_limited");
  }
}

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = (err as { cause?: unknown })?.cause ?? err;
  const pg = e as { code?: string; constraint_name?: string };
  return pg?.code === "23505" && (!constraint || pg.constraint_name === constraint);
}

/** Whether a failure means the database is unreachable (the request answers 503). */
export { isConnectionError as isDatabaseUnavailable } from "@/server/db";

/** A part the request needs (the background executor, SMTP) cannot be reached right now. */
export class UnavailableError extends ServiceError {
  constructor(message: string) {
    super(message, "unavailable");
  }
}
