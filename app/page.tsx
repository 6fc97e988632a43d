import { redirect } from "next/navigation";
import { landingFor } from "@/lib/navigation";
import { auth } from "@/server/auth";

/** "/" sends each role to its landing page (a server redirect, so the URL updates after sign-in). */
export default async function Home() {
  const session = await auth();
  redirect(session?.user ? landingFor(session.user.role) : "/login");
}
