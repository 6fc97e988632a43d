import { signOutAction } from "@/server/auth/actions";

export function InactiveAccount() {
  return (
    <main className="grid min-h-screen place-items-center p-6">
      <div className="max-w-sm rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
        <h1 className="text-lg font-semibold">Your account is not active</h1>
        <p className="mt-2 text-sm text-slate-600">
          An admin has deactivated or removed it. Sign out, and ask an admin if you need access
          again.
        </p>
        <form action={signOutAction} className="mt-4">
          <button
            type="submit"
            className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white"
          >
            Sign out
          </button>
        </form>
      </div>
    </main>
  );
}
