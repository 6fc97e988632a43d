import type { Metadata } from "next";
import { safeCallbackUrl } from "@/lib/navigation";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const { callbackUrl } = await searchParams;
  return (
    <main className="grid min-h-screen place-items-center bg-slate-900 p-6">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-white">
          <span
            aria-hidden
            className="grid size-9 place-items-center rounded bg-sky-600 text-lg font-bold"
          >
            W
          </span>
          <span className="text-xl font-semibold tracking-tight">Watchfloor</span>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-xl">
          <h1 className="text-lg font-semibold">Sign in</h1>
          <p className="mb-4 text-sm text-slate-600">
            Operations console for security and facility services.
          </p>
          <LoginForm callbackUrl={safeCallbackUrl(callbackUrl) ?? ""} />
        </div>
      </div>
    </main>
  );
}
