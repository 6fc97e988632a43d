import { DEVICE_RULES } from "@/lib/devices";
import { keyCan } from "@/lib/permissions";
import { handle, HttpError, readLimited } from "@/server/api/http";
import { platformContext } from "@/server/services/_core/system";
import { ingestTelemetry } from "@/server/services/devices/ingest";
import { authenticateTelemetryKey } from "@/server/services/devices/keys";
import { batchProblem, describeRejection } from "@/server/services/devices/validate";

/** 5,000 readings of a gateway, written out in full, stay well under this. */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * The answer, never compressed: Next.js gzips a streamed body of unknown length, which cost
 * more CPU per batch (a zlib stream set up for ~200 bytes) than validating its 500 readings.
 */
const answer = (payload: unknown, status: number) =>
  Response.json(payload, {
    status,
    headers: { "cache-control": "no-store, no-transform" },
  });

/** Whose key is this: a look-up across tenants, before the request has one. */
const keyLookup = platformContext("telemetry-key-auth");

/**
 * POST /api/telemetry — devices and site gateways post readings in batches.
 * Auth: `Authorization: Bearer <device or site gateway key>`. Body: `{"readings": [{"deviceId",
 * "ts", "battery", "signal", "temperature", "online", "reboots"}, …]}`, at most 5,000 (413
 * beyond). Each bad reading is rejected with its index, field and reason while the good ones
 * are kept; a reading already stored (same device and time) counts as a duplicate. 200 when
 * any reading was accepted, 400 when none was.
 */
export function POST(req: Request) {
  return handle(req, async () => {
    const now = new Date();
    const header = req.headers.get("authorization") ?? "";
    const presented = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!presented)
      throw new HttpError(
        401,
        "Send a device or site gateway key as `Authorization: Bearer <key>`",
      );
    const key = await authenticateTelemetryKey(keyLookup, presented, now);
    if (!key) throw new HttpError(401, "That key is not valid or has been revoked");
    if (!keyCan(key.kind, "telemetry.post"))
      throw new HttpError(
        403,
        "This key cannot post telemetry: use the device's own key or its site gateway's key",
      );
    if (!(req.headers.get("content-type") ?? "").includes("application/json"))
      throw new HttpError(415, "Send the body as JSON with `Content-Type: application/json`");
    const bytes = await readLimited(
      req,
      BODY_LIMIT_BYTES,
      `The body is larger than 4 MB; send at most ${DEVICE_RULES.maxBatch.toLocaleString("en")} readings a batch`,
    );
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new HttpError(400, "The body is not valid JSON");
    }
    const problem = batchProblem(body);
    if (problem) throw new HttpError(problem.status, problem.message);
    const result = await ingestTelemetry(
      {
        tenantId: key.tenantId,
        actor: { type: "apiKey", keyId: key.keyId, name: key.label },
        db: keyLookup.db,
      },
      { key, readings: (body as { readings: unknown[] }).readings },
      now,
    );
    // the first reasons, readable; all of them (up to 100) with index and field
    const rejected = result.rejected.slice(0, 100);
    const payload = {
      accepted: result.accepted,
      inserted: result.inserted,
      duplicates: result.duplicates,
      rejectedCount: result.rejected.length,
      rejected,
    };
    if (result.accepted === 0)
      return answer(
        {
          error: `No reading was accepted: ${rejected
            .slice(0, 3)
            .map(describeRejection)
            .join(
              "; ",
            )}${result.rejected.length > 3 ? ` (and ${result.rejected.length - 3} more)` : ""}`,
          ...payload,
        },
        400,
      );
    return answer(payload, 200);
  });
}
