import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { landingFor, rolesForPath } from "@/lib/navigation";
import { isRole } from "@/lib/roles";

const SECURE_COOKIE = "__Secure-authjs.session-token";

/**
 * First line of page access: signed-out users go to the login page, and a role that may not
 * open a page gets the 403 page. Every page and procedure checks again on the server.
 *
 * It only reads the session: NextAuth's `auth()` wrapper would re-issue the session cookie on
 * every response, and a response still in flight at sign-out would then sign the user back in.
 */
export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
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

export const config = {
  matcher: ["/((?!api/|v/|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
