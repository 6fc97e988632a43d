"use server";
import "server-only";

import { signOut } from "@/server/auth";

/** The header's and the inactive-account page's sign-out form post here. */
export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
