import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { landingFor, rolesForPath } from "@/lib/navigation";
import { isRole } from "@/lib/roles";
import { authConfig } from "@/server/auth/config";

const { auth } = NextAuth(authConfig);

/**
 * First line of page access: signed-out users go to the login page, and a role that may not
 * open a page gets the 403 page. Every page and procedure checks again on the server.
 */
export const proxy = auth((req) => {
  const { pathname, search } = req.nextUrl;
  const role = req.auth?.user?.role;
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
});

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
