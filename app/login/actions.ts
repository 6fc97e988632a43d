"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { safeCallbackUrl } from "@/lib/navigation";
import { clientAddress } from "@/server/api/client-address";
import { signIn, signInRefusal, signInSchema } from "@/server/auth";

export type LoginState = {
  error?: string;
  fieldErrors?: { email?: string; password?: string };
  email?: string;
};

export async function loginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "");
  const parsed = signInSchema.safeParse({ email, password: form.get("password") });
  if (!parsed.success) {
    const f = parsed.error.flatten().fieldErrors;
    return { email, fieldErrors: { email: f.email?.[0], password: f.password?.[0] } };
  }
  try {
    await signIn("credentials", {
      ...parsed.data,
      redirectTo: safeCallbackUrl(form.get("callbackUrl")) ?? "/",
    });
    return {};
  } catch (err) {
    if (err instanceof AuthError) {
      const code = err instanceof CredentialsSignin ? err.code : undefined;
      return {
        email,
        error: await signInRefusal(code, parsed.data.email, clientAddress(await headers())),
      };
    }
    throw err; // the redirect after a successful sign-in
  }
}
