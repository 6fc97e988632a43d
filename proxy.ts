import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { landingFor, rolesForPath, safeCallbackUrl } from "@/lib/navigation";
import { isRole } from "@/lib/roles";
import { newNonce, pageCsp } from "@/lib/security/csp";

const SECURE_COOKIE = "__Secure-authjs.session-token";
const dev = process.env.NODE_ENV !== "production";
// static routes beside /v/[token]: no token can look like these (token.ts)
const PORTAL_INVALID_PAGE = "/v/invalid-link";
const PORTAL_LIMITED_PAGE = "/v/too-many-attempts";

/**
 * Every page gets a Content-Security-Policy with a fresh script nonce; Next.js reads the
 * policy from the request headers and puts the nonce on its scripts.
 *
 * Then the first line of page access: signed-out users go to the login page, and a role that
 * may not open a page gets the 403 page. Every page and procedure checks again on the server.
 * Vendor pages (/v/<token>) need no session; their token is checked by the page.
 *
 * It only reads the session: NextAuth's `auth()` wrapper would re-issue the session cookie on
 * every response, and a response still in flight at sign-out would then sign the user back in.
 */
export async function proxy(req: NextRequest) {
  const csp = pageCsp({ nonce: newNonce(), dev });
  const headers = new Headers(req.headers);
  headers.set("content-security-policy", csp);
  const withCsp = (res: NextResponse) => {
    res.headers.set("Content-Security-Policy", csp);
    return res;
  };
  const { pathname, search } = req.nextUrl;
  if (pathname.startsWith("/v/")) return withCsp(await portalGate(req, pathname, headers));

  const token = await getToken({
    req,
    secret: process.env.AUTH_SECRET,
    secureCookie: req.cookies.has(SECURE_COOKIE),
  });
  const role = token?.role;
  const signedIn = isRole(role);

  if (pathname === "/login") {
    return signedIn
      ? NextResponse.redirect(new URL(landingFor(role), req.nextUrl))
      : withCsp(NextResponse.next({ request: { headers } }));
  }
  if (!signedIn) {
    const login = new URL("/login", req.nextUrl);
    const back = safeCallbackUrl(pathname + search);
    if (back && back !== "/") login.searchParams.set("callbackUrl", back);
    return NextResponse.redirect(login);
  }
  const allowed = rolesForPath(pathname);
  if (allowed && !allowed.includes(role)) {
    return withCsp(
      NextResponse.rewrite(new URL("/forbidden", req.nextUrl), {
        status: 403,
        request: { headers },
      }),
    );
  }
  return withCsp(NextResponse.next({ request: { headers } }));
}

/**
 * The vendor page's answer is decided here, where the status can still be set: a link that
 * does not work gets 404, and an address past its miss limit 429, like the portal API.
 */
async function portalGate(req: NextRequest, pathname: string, headers: Headers) {
  const segment = pathname.split("/")[2] ?? "";
  let token = segment;
  try {
    token = decodeURIComponent(segment);
  } catch {
    // a malformed escape is just another bad link
  }
  const { portalPageGate } = await import("@/server/api/portal-gate");
  const verdict = await portalPageGate(req.headers, token, new Date());
  if (verdict === "ok") return NextResponse.next({ request: { headers } });
  const page = verdict === "limited" ? PORTAL_LIMITED_PAGE : PORTAL_INVALID_PAGE;
  return NextResponse.rewrite(new URL(page, req.nextUrl), {
    status: verdict === "limited" ? 429 : 404,
    request: { headers },
  });
}

export const config = {
  // everything but the API (its routes set their own headers), Next's own files and public/
  matcher: [
    "/((?!api/|_next/|favicon.ico|icon.svg|icons/|apple-touch-icon.png|manifest.webmanifest|robots.txt).*)",
  ],
};
