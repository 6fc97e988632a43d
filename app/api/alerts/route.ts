import { alertCreateInput, idempotencyKeyText } from "@/lib/schemas/noc";
import { apiKeyContext, handle, readHeader, readJson } from "@/server/api/http";
import { createAlert } from "@/server/services/noc/create-alert";

/**
 * POST /api/alerts — alarm panels, gateways and other systems raise alerts here.
 * Auth: `Authorization: Bearer <API key>`. Safe to retry with an `Idempotency-Key` header (or
 * `idempotencyKey` in the body). 201 with the new alert's id; 200 when it counted as another
 * occurrence of an open alert (same fingerprint) or repeated an idempotency key.
 */
export function POST(req: Request) {
  return handle(req, async () => {
    const ctx = await apiKeyContext(req);
    const body = await readJson(req, alertCreateInput);
    const idempotencyKey =
      readHeader(req, "idempotency-key", idempotencyKeyText) ?? body.idempotencyKey;
    const result = await createAlert(ctx, { ...body, idempotencyKey, source: "api" }, new Date());
    return Response.json(result, { status: result.created ? 201 : 200 });
  });
}
