import type { Role } from "@/lib/roles";
import { signOutAction } from "@/server/auth/actions";
import { KeyboardLauncher } from "./keyboard";
import { NotificationBell } from "./notification-bell";

export function Header({
  name,
  email,
  roleLabel,
  tenantName,
  role,
  pages,
}: {
  name: string;
  email: string;
  roleLabel: string;
  tenantName: string;
  /** for the command palette: what the user may do, and the pages they may open */
  role: Role;
  pages: { href: string; label: string }[];
}) {
  return (
    <header className="flex h-14 items-center justify-between gap-4 border-b border-slate-200 bg-white px-4 sm:px-6">
      <div className="text-sm text-slate-600">
        <span className="font-medium text-slate-900">{tenantName}</span>
      </div>
      <div className="flex items-center gap-2 sm:gap-4">
        <KeyboardLauncher role={role} pages={pages} />
        <NotificationBell />
        <div className="hidden text-right leading-tight sm:block">
          <div className="text-sm font-medium text-slate-900">{name}</div>
          <div className="text-xs text-slate-500">
            <span data-testid="role-label">{roleLabel}</span> · {email}
          </div>
        </div>
        <form action={signOutAction}>
          <button
            type="submit"
            className="rounded-md px-2 py-1 text-sm text-slate-600 ring-1 ring-slate-300 hover:bg-slate-100"
          >
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
