import "server-only";
import { hashPortalToken } from "./token";

// a token's shape (see token.ts), not part of a longer run of base64url characters
const CANDIDATE = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048](?![A-Za-z0-9_-])/g;
const PORTAL_PATH = /\/v\/(?!\[token\])[^/\s?#"'<>]{8,}/g;

/**
 * Vendor tokens written in a log: every token-shaped string whose hash is one of the issued
 * tokens' hashes (the database keeps only those), and every portal path that carries a token.
 * Returns what was found, each with its line number, redacted to its first characters.
 */
export function findTokenLeaks(log: string, issuedHashes: ReadonlySet<string>): string[] {
  const found: string[] = [];
  log.split("\n").forEach((line, i) => {
    const issued = [...line.matchAll(CANDIDATE)].some((m) =>
      issuedHashes.has(hashPortalToken(m[0])),
    );
    if (issued || PORTAL_PATH.test(line)) {
      found.push(
        `line ${i + 1}: ${line.replace(CANDIDATE, (t) => `${t.slice(0, 4)}…`).slice(0, 200)}`,
      );
    }
    PORTAL_PATH.lastIndex = 0;
  });
  return found;
}
