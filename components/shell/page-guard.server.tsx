import { canOpen, rolesForPath } from "@/lib/navigation";
import { serverCaller } from "@/server/api/rsc";

/** Server-side page check, behind the proxy's: re-reads the role from the database. */
export async function mayOpen(path: string): Promise<boolean> {
  if (!rolesForPath(path)) return true;
  const me = await (await serverCaller()).me.get().catch(() => null);
  return canOpen(me?.role, path);
}

export function Forbidden() {
  return (
    <div className="rounded-lg border border-red-200 bg-white p-8 text-center">
      <p className="text-sm font-semibold text-red-700">403 — Forbidden</p>
      <h1 className="mt-1 text-lg font-semibold">Your role cannot open this page</h1>
      <p className="mt-1 text-sm text-slate-600">Ask an admin if you need it.</p>
    </div>
  );
}
