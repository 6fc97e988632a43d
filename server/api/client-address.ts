import "server-only";

/**
 * Who is on the other end of a request, for rate limits and origin checks: one place, so
 * sign-in, the vendor portal and the origin check agree.
 *
 * The app's own server appends the socket's address to `X-Forwarded-For` before Next.js sees
 * the request (server/peer-address.mjs, preloaded by the launcher and installed by instrumentation.ts), so the right-most
 * entry is always the true peer. With `TRUSTED_PROXY_HOPS` = n, the n proxies in front of the
 * app are trusted to append theirs, and the client is the entry n places left of the peer.
 * Anything further left was written by the client and is never read.
 */
const DEFAULT_HOPS = 0;

export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const raw = env.TRUSTED_PROXY_HOPS?.trim();
  if (!raw) return DEFAULT_HOPS;
  const hops = Number(raw);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10)
    throw new Error(
      `TRUSTED_PROXY_HOPS must be a whole number from 0 to 10 (the proxies in front of the app); got "${raw}"`,
    );
  return hops;
}

function forwardedFor(headers: Headers): string[] {
  return (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** The client's address: `hops` entries left of the right-most of `X-Forwarded-For`. */
export function clientAddress(headers: Headers, hops = trustedProxyHops()): string {
  const chain = forwardedFor(headers);
  // fewer entries than trusted hops: the request skipped a proxy; take the furthest one known
  return chain[chain.length - 1 - hops] ?? chain[0] ?? "unknown";
}

/**
 * The host the browser addressed: `Host`, or the first `X-Forwarded-Host` only when proxies are
 * trusted (the first proxy writes what the browser asked for).
 */
export function requestHost(headers: Headers, hops = trustedProxyHops()): string | null {
  const forwarded = hops > 0 ? headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return forwarded || headers.get("host");
}

/** `https` or `http` as the browser used it: `X-Forwarded-Proto` is read only behind trusted proxies. */
export function requestProtocol(
  headers: Headers,
  hops = trustedProxyHops(),
): "http" | "https" | null {
  if (hops === 0) return null;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return proto === "https" || proto === "http" ? proto : null;
}
