import "server-only";
import type { Capability } from "@/lib/permissions";
import { MAX_UPLOAD_BYTES } from "@/lib/work-orders";
import { auth } from "@/server/auth";
import type { ServiceCtx, UserActor } from "@/server/services/_core/context";
import { portalView, type PortalAccess } from "@/server/services/vendors/portal";
import { HttpError, readLimited } from "./http";
import { resolveForAddress } from "./portal-gate";
import { capabilityRefusal, staffFromSession } from "./signed-in";

export const INVALID_LINK =
  "This link is no longer valid. Ask the person who sent it for a new one.";

/**
 * The vendor behind a portal request, or a 404 that says nothing about why (unknown, expired,
 * revoked or malformed all look the same). Misses are counted per address: past the limit an
 * address gets 429 for its misses, so guessing is slowed while real links keep working.
 */
export async function portalAccess(req: Request, token: string, now: Date): Promise<PortalAccess> {
  const access = await resolveForAddress(req.headers, token, now);
  if (access === "invalid") throw new HttpError(404, INVALID_LINK);
  if (access === "limited") throw new HttpError(429, "Too many attempts; try again later");
  return access;
}

export type PortalView = NonNullable<Awaited<ReturnType<typeof portalView>>>;

/**
 * What the portal page (/v/<token>) shows, or null for any bad link, with the same miss
 * counting as the HTTP API. The page renders the same plain refusal for every null.
 */
export async function portalPageView(
  headers: Headers,
  token: string,
  now: Date,
): Promise<PortalView | null> {
  const access = await resolveForAddress(headers, token, now);
  if (typeof access === "string") return null;
  return portalView(access);
}

/**
 * The signed-in staff member for a route handler, as tRPC would resolve them; with a
 * capability, refused like the procedures that need it (lib/permissions.ts).
 */
export async function staffContext(capability?: Capability): Promise<ServiceCtx<UserActor>> {
  const staff = await staffFromSession(await auth());
  if ("refusal" in staff) throw new HttpError(staff.refusal.status, staff.refusal.message);
  const refusal = capability ? capabilityRefusal(staff.ctx.actor, capability) : null;
  if (refusal) throw new HttpError(refusal.status, refusal.message);
  return staff.ctx;
}

/** Room for the multipart framing around a file of the largest accepted size. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
export const UPLOAD_TOO_LARGE = `The file is larger than 10 MB (the limit is ${MAX_UPLOAD_BYTES.toLocaleString("en")} bytes)`;

/**
 * Reads one uploaded file from a multipart body (field "file"). An oversize body is refused
 * with 413 by its Content-Length before any of it is read, or as soon as the bytes that
 * arrived pass the limit; only then is the multipart parsed.
 */
export async function readUpload(
  req: Request,
): Promise<{ bytes: Uint8Array; name: string; type: string }> {
  const body = await readLimited(
    req,
    MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES,
    UPLOAD_TOO_LARGE,
  );
  let form: FormData;
  try {
    form = await new Response(body, {
      headers: { "content-type": req.headers.get("content-type") ?? "" },
    }).formData();
  } catch {
    throw new HttpError(400, 'Send the file as multipart/form-data in a field named "file"');
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new HttpError(400, 'Attach a file in the field named "file"');
  return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name, type: file.type };
}

/** Sends stored bytes as a download that browsers will not render or sniff. */
export function fileResponse(file: { name: string; mime: string; bytes: Uint8Array }): Response {
  const inline = file.mime.startsWith("image/") || file.mime === "application/pdf";
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "content-type": file.mime,
      "content-length": String(file.bytes.byteLength),
      "content-disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "x-content-type-options": "nosniff",
      "content-security-policy":
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      "cache-control": "private, no-store",
    },
  });
}
