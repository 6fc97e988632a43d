import type { NextRequest } from "next/server";
import { handlers } from "@/server/auth";

/** Auth.js's own test: an absolute http(s) URL, or a path on this site. */
function authAcceptsUrl(url: string, origin: string): boolean {
  try {
    return /^https?:/.test(new URL(url, url.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

/**
 * Auth.js answers a callback URL it cannot read (query or cookie) with a 500 and a page about
 * the server's configuration; it is the caller's mistake, so it gets a 400 that says so.
 */
function checked(handler: (req: NextRequest) => Promise<Response>) {
  return (req: NextRequest) => {
    const origin = req.nextUrl.origin;
    const query = req.nextUrl.searchParams.get("callbackUrl");
    if (query && !authAcceptsUrl(query, origin))
      return Response.json(
        { error: "callbackUrl: use a path on this site, such as /noc" },
        { status: 400 },
      );
    for (const name of ["authjs.callback-url", "__Secure-authjs.callback-url"]) {
      const cookie = req.cookies.get(name)?.value;
      if (cookie && !authAcceptsUrl(cookie, origin))
        return Response.json(
          { error: `The ${name} cookie is not a URL; clear this site's cookies and sign in again` },
          { status: 400 },
        );
    }
    return handler(req);
  };
}

export const GET = checked(handlers.GET);
export const POST = checked(handlers.POST);
