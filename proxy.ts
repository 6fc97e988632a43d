import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { landingFor, rolesForPath } from "@/lib/navigation";
import { isRole } from "@/lib/roles";

const SECURE_COOKIE = "__Secure-authjs.session-token";
// static routes beside /v/[token]: no token can look like these (token.ts)
const PORTAL_INVALID_PAGE = "/v/invalid-link";
const PORTAL_LIMITED_PAGE = "/v/too-many-attempts";

/**
 * First line of page access: signed-out users go to the login page, and a role that may not
 * open a page gets the 403 page. Every page and procedure checks again on the server.
 *
 * It only reads the session: NextAuth's `auth()` wrapper would re-issue the session cookie on
 * every response, and a response still in flight at sign-out would then sign the user back in.
 */
export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (pathname.startsWith("/v/")) return portalGate(req, pathname);
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
      : NextResponse.next();
  }
  if (!signedIn) {
    const login = new URL("/login", req.nextUrl);
    if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(login);
  }
  const allowed = rolesForPath(pathname);
  if (allowed && !allowed.includes(role)) {
    return NextResponse.rewrite(new URL("/forbidden", req.nextUrl), { status: 403 });
  }
  return NextResponse.next();
}

/**
 * The vendor page's answer is decided here, where the status can still be set: a link that
 * does not work gets 404, and an address past its miss limit 429, like the portal API.
 */
async function portalGate(req: NextRequest, pathname: string) {
  const segment = pathname.split("/")[2] ?? "";
  let token = segment;
  try {
    token = decodeURIComponent(segment);
  } catch {
    // a malformed escape is just another bad link
  }
  const { portalPageGate } = await import("@/server/api/portal-gate");
  const verdict = await portalPageGate(req.headers, token);
  if (verdict === "ok") return NextResponse.next();
  const page = verdict === "limited" ? PORTAL_LIMITED_PAGE : PORTAL_INVALID_PAGE;
  return NextResponse.rewrite(new URL(page, req.nextUrl), {
    status: verdict === "limited" ? 429 : 404,
  });
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
