import "server-only";
import { fileTypeFromBuffer } from "file-type";
import { MAX_UPLOAD_BYTES } from "@/lib/work-orders";

/** Vendor attachments (vendors.md): images and PDF, ≤ 10 MB, typed by content, never by name. */
const ALLOWED: Record<string, { ext: string; label: string }> = {
  "image/jpeg": { ext: "jpg", label: "JPEG" },
  "image/png": { ext: "png", label: "PNG" },
  "image/webp": { ext: "webp", label: "WebP" },
  "image/heic": { ext: "heic", label: "HEIC" },
  "image/heif": { ext: "heif", label: "HEIF" },
  "application/pdf": { ext: "pdf", label: "PDF" },
};
export const ALLOWED_UPLOAD_TYPES = Object.keys(ALLOWED);
const ACCEPTED = "Accepted: JPEG, PNG, WebP, HEIC/HEIF images and PDF.";
const MAX_NAME_LENGTH = 100;

export type UploadCheck =
  { ok: true; mime: string; ext: string; safeName: string } | { ok: false; error: string };

/**
 * Decide from the bytes alone. `declaredType` (the browser's guess, from the name) and the
 * name's extension are ignored for the decision; the name is only kept, neutralised, for
 * display and download.
 */
export async function checkUpload(input: {
  bytes: Uint8Array;
  declaredName: string;
  declaredType?: string;
}): Promise<UploadCheck> {
  const size = input.bytes.byteLength;
  if (size === 0) return { ok: false, error: "The file is empty (0 bytes)." };
  if (size > MAX_UPLOAD_BYTES)
    return {
      ok: false,
      error: `The file is larger than 10 MB (${size.toLocaleString("en")} bytes; the limit is ${MAX_UPLOAD_BYTES.toLocaleString("en")}).`,
    };
  const sniffed = await fileTypeFromBuffer(input.bytes);
  const allowed = sniffed ? ALLOWED[sniffed.mime] : undefined;
  if (sniffed && allowed)
    return {
      ok: true,
      mime: sniffed.mime,
      ext: allowed.ext,
      safeName: neutraliseName(input.declaredName, allowed.ext),
    };
  const looks = lookAtText(input.bytes) ?? sniffed?.mime;
  if (looks?.startsWith("image/") && looks !== "image/svg+xml")
    return { ok: false, error: `This image type is not accepted (${looks}). ${ACCEPTED}` };
  return {
    ok: false,
    error: `The file is not an image or PDF (${looks ? `looks like ${looks}` : "type not recognised"}). ${ACCEPTED}`,
  };
}

/** A name for the error message when the content is text, which file-type does not detect. */
function lookAtText(bytes: Uint8Array): string | null {
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(bytes.subarray(0, 2048))
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  if (/<svg[\s>]/.test(head)) return "image/svg+xml";
  if (/^<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<script[\s>]|<iframe[\s>]/.test(head))
    return "text/html";
  if (head.startsWith("<?xml")) return "application/xml";
  if (head.startsWith("#!")) return "text/x-shellscript";
  return head.length > 0 && !Array.from(head).some(isBinaryChar) ? "text/plain" : null;
}

function isBinaryChar(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c < 0x09 || (c > 0x0d && c < 0x20) || c === 0xfffd;
}

// Control, format (bidi overrides U+202A–202E, U+2066–2069, zero-width, BOM) and line separators.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const DECLARED_EXT = /\.[\p{L}\p{N}]{1,10}$/u;
const NOT_READABLE = /[^\p{L}\p{M}\p{N} ._-]+/gu;
const EDGES = /^[\s._-]+|[\s._-]+$/gu;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * A display/download name that cannot escape a folder, hide, spoof its extension or break a
 * header: last path segment only, invisible and bidi characters removed, anything but
 * letters, digits, space, `.`, `-` and `_` turned into `_`, no leading dots, at most 100
 * characters, and always the sniffed extension (the declared one is dropped).
 */
export function neutraliseName(name: string, ext: string): string {
  const cleanExt =
    ext
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "")
      .slice(0, 10) || "bin";
  const base = name.normalize("NFKC").replace(INVISIBLE, "").split(/[/\\]/).pop() ?? "";
  let stem = base
    .replace(/[\s.]+$/u, "")
    .replace(DECLARED_EXT, "")
    .replace(NOT_READABLE, "_")
    .replace(/\s+/g, " ")
    .replace(/_+/g, "_")
    .replace(/\.{2,}/g, ".")
    .replace(EDGES, "");
  if (WINDOWS_RESERVED.test(stem)) stem = `file-${stem}`;
  stem = Array.from(stem)
    .slice(0, MAX_NAME_LENGTH - cleanExt.length - 1)
    .join("")
    .replace(EDGES, "");
  return `${stem || "attachment"}.${cleanExt}`;
}
