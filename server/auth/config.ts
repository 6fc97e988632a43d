import type { NextAuthConfig } from "next-auth";
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
