import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { email, text } from "@/lib/schemas/common";
import { db } from "@/server/db";
import { RateLimitedError } from "@/server/services/_core/errors";
import { lockedForSeconds, throttleKeys } from "@/server/services/auth/throttle";
import { lockoutMessage, verifyCredentials } from "@/server/services/auth/verify-credentials";
import { clientAddress } from "@/server/api/client-address";
import { authConfig } from "./config";

export const signInSchema = z.object({
  email: email("Enter a valid e-mail address"),
  password: text({ min: 1, minMessage: "Enter your password", max: 200, trim: false }),
});

class RateLimitedSignin extends CredentialsSignin {
  code = "rate_limited";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        try {
          const user = await verifyCredentials(
            db,
            {
              ...parsed.data,
              address: clientAddress(request.headers),
            },
            new Date(),
          );
          return (
            user && {
              id: user.id,
              tenantId: user.tenantId,
              role: user.role,
              name: user.name,
              email: user.email,
            }
          );
        } catch (err) {
          if (err instanceof RateLimitedError) throw new RateLimitedSignin();
          throw err;
        }
      },
    }),
  ],
});

/** The message shown on the login page after a refused sign-in. */
export async function signInRefusal(
  code: string | undefined,
  email: string,
  address: string,
): Promise<string> {
  if (code === "rate_limited") {
    const keys = throttleKeys(email, address);
    return lockoutMessage(await lockedForSeconds(db, [keys.account, keys.address], new Date()));
  }
  return "That e-mail and password do not match an active account.";
}
