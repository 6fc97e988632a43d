import "server-only";
import { z, type ZodType } from "zod";
import { issueSummary } from "@/lib/schemas/common";
import type { Actor, ServiceCtx } from "@/server/services/_core/context";
import { isDatabaseUnavailable, ServiceError } from "@/server/services/_core/errors";
import { platformContext } from "@/server/services/_core/system";
import { authenticateApiKey } from "@/server/services/api-keys/api-keys";
import { requestHost } from "./client-address";
import { DATABASE_UNAVAILABLE, HTTP_STATUS } from "./errors";

/** Helpers for the HTTP API (route handlers outside tRPC): auth, body parsing, error mapping. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Whose key is this: a look-up across tenants, before the request has one. */
const keyLookup = platformContext("api-key-auth");

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const CROSS_SITE_MESSAGE =
  "Cross-site requests are not allowed: this request was sent from another site's page";

/**
 * True for a state-changing request a browser sent from another site's page: browsers send
 * `Origin` on every cross-origin POST. No `Origin` passes (machines with API keys, curl), an
 * unreadable one (`null` from sandboxed frames) does not.
 */
export function isCrossSite(req: Request): boolean {
  if (!STATE_CHANGING.has(req.method.toUpperCase())) return false;
  const origin = req.headers.get("origin");
  if (origin === null) return false;
  try {
    return new URL(origin).host !== requestHost(req.headers);
  } catch {
    return true;
  }
}

export async function apiKeyContext(req: Request): Promise<ServiceCtx<Actor>> {
  const header = req.headers.get("authorization") ?? "";
  const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!key)
    throw new HttpError(
      401,
      "Send an API key as `Authorization: Bearer <key>` (create one under Admin → API keys)",
    );
  const auth = await authenticateApiKey(keyLookup, key, new Date());
  if (!auth) throw new HttpError(401, "That API key is not valid or has been revoked");
  return { tenantId: auth.tenantId, actor: auth.actor, db: keyLookup.db };
}

const JSON_LIMIT_BYTES = 256 * 1024;

/**
 * The request body, refused with 413 as soon as it is known to be over `limit` bytes: at once
 * by its Content-Length, else (chunked, or a Content-Length that lies) as soon as that many
 * bytes have arrived, when the rest is left unread.
 */
export async function readLimited(
  req: Request,
  limit: number,
  message: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw new HttpError(413, message);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new HttpError(413, message);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

export async function readJson<T>(req: Request, schema: ZodType<T>): Promise<T> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json"))
    throw new HttpError(415, "Send the body as JSON with `Content-Type: application/json`");
  const text = new TextDecoder().decode(
    await readLimited(req, JSON_LIMIT_BYTES, "The body is larger than 256 KB"),
  );
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HttpError(400, "The body is not valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new HttpError(400, issueSummary(parsed.error, "body"), z.flattenError(parsed.error));
  return parsed.data;
}

/** A request header parsed with a shared schema, or a 400 naming it; an empty one is absent. */
export function readHeader<T>(req: Request, name: string, schema: ZodType<T>): T | undefined {
  const value = req.headers.get(name);
  if (value === null || value.trim() === "") return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, issueSummary(parsed.error, `${name} header`));
  return parsed.data;
}

/**
 * A route's path parameters (Next hands them over as strings, unchecked) parsed with the shared
 * schemas, or a 400 naming the parameter: `aid: Not a valid id`.
 */
export async function parseParams<T>(params: Promise<unknown>, schema: ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await params);
  if (!parsed.success)
    throw new HttpError(400, issueSummary(parsed.error, "path"), z.flattenError(parsed.error));
  return parsed.data;
}

/**
 * Runs a route handler: refuses cross-site state changes, then turns every failure into a
 * JSON error that says what was wrong.
 */
export async function handle(req: Request, fn: () => Promise<Response>): Promise<Response> {
  try {
    if (isCrossSite(req)) throw new HttpError(403, CROSS_SITE_MESSAGE);
    return await fn();
  } catch (err) {
    if (err instanceof HttpError) {
      return Response.json(
        { error: err.message, ...(err.details ? { details: err.details } : {}) },
        { status: err.status },
      );
    }
    if (err instanceof ServiceError)
      return Response.json({ error: err.message }, { status: HTTP_STATUS[err.kind] });
    if (isDatabaseUnavailable(err))
      return Response.json(
        { error: DATABASE_UNAVAILABLE },
        { status: 503, headers: { "retry-after": "5" } },
      );
    console.error("HTTP API error:", err);
    return Response.json({ error: "Something went wrong on our side" }, { status: 500 });
  }
}
