import "server-only";
import type { NextAuthConfig } from "next-auth";
import { safeCallbackUrl } from "@/lib/navigation";
import { isRole, type Role } from "@/lib/roles";

declare module "next-auth" {
  interface Session {
    user: { id: string; tenantId: string; role: Role; name: string; email: string };
  }
  interface User {
    tenantId?: string;
    role?: Role;
  }
}

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * The part of the auth setup that needs no database: JWT and session shape. The proxy uses
 * it alone; server/auth/index.ts adds the Credentials provider.
 */
export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [],
  callbacks: {
    /** Where Auth.js sends the browser after sign-in or sign-out: only a path on this site. */
    redirect({ url, baseUrl }) {
      let candidate = url;
      try {
        const absolute = new URL(url);
        if (absolute.origin !== new URL(baseUrl).origin) return baseUrl;
        candidate = absolute.pathname + absolute.search + absolute.hash;
      } catch {
        // not absolute: a path, checked below
      }
      const path = safeCallbackUrl(candidate);
      return path ? new URL(path, baseUrl).href : baseUrl;
    },
    jwt({ token, user }) {
      if (user?.id && user.tenantId && user.role) {
        token.sub = user.id;
        token.tid = user.tenantId;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      const role = token.role;
      if (typeof token.sub === "string" && typeof token.tid === "string" && isRole(role)) {
        session.user = {
          ...session.user,
          id: token.sub,
          tenantId: token.tid,
          role,
          name: token.name ?? "",
          email: token.email ?? "",
        };
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
