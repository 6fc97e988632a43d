import { z, type ZodType } from "zod";
import type { Actor, ServiceCtx } from "@/server/services/_core/context";
import { isDatabaseUnavailable, ServiceError } from "@/server/services/_core/errors";
import { systemDb } from "@/server/services/_core/system-db";
import { authenticateApiKey } from "@/server/services/api-keys/api-keys";
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

export async function apiKeyContext(req: Request): Promise<ServiceCtx<Actor>> {
  const header = req.headers.get("authorization") ?? "";
  const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!key)
    throw new HttpError(
      401,
      "Send an API key as `Authorization: Bearer <key>` (create one under Admin → API keys)",
    );
  const auth = await authenticateApiKey(systemDb(), key);
  if (!auth) throw new HttpError(401, "That API key is not valid or has been revoked");
  return { tenantId: auth.tenantId, actor: auth.actor, db: systemDb() };
}

export async function readJson<T>(req: Request, schema: ZodType<T>): Promise<T> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json"))
    throw new HttpError(415, "Send the body as JSON with `Content-Type: application/json`");
  const text = await req.text();
  if (text.length > 256 * 1024) throw new HttpError(413, "The body is larger than 256 KB");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HttpError(400, "The body is not valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error);
    const first = parsed.error.issues[0];
    throw new HttpError(
      400,
      first ? `${first.path.join(".") || "body"}: ${first.message}` : "Invalid body",
      fields,
    );
  }
  return parsed.data;
}

/** Runs a handler and turns every failure into a JSON error that says what was wrong. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
  try {
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
