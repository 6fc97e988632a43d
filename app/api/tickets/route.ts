import { idempotencyKeyText } from "@/lib/schemas/noc";
import { ticketCreateInput } from "@/lib/schemas/sla";
import { apiKeyContext, handle, readHeader, readJson } from "@/server/api/http";
import { createTicket } from "@/server/services/sla/tickets";

/**
 * POST /api/tickets — helpdesk e-mail gateways and client portals open tickets here.
 * Auth: `Authorization: Bearer <API key>`. Safe to retry with an `Idempotency-Key` header (or
 * `idempotencyKey` in the body): 201 with the new ticket's id and number, 200 on a repeat.
 */
export function POST(req: Request) {
  return handle(req, async () => {
    const ctx = await apiKeyContext(req);
    const body = await readJson(req, ticketCreateInput);
    const idempotencyKey =
      readHeader(req, "idempotency-key", idempotencyKeyText) ?? body.idempotencyKey;
    const result = await createTicket(ctx, { ...body, idempotencyKey }, new Date());
    return Response.json(result, { status: result.created ? 201 : 200 });
  });
}
