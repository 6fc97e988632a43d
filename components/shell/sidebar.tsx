"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

type Item = { href: string; label: string; section: "main" | "admin" };

export function Sidebar({ items, tenantName }: { items: Item[]; tenantName: string }) {
  const pathname = usePathname();
  const sections = [
    { key: "main", title: null, items: items.filter((i) => i.section === "main") },
    { key: "admin", title: "Administration", items: items.filter((i) => i.section === "admin") },
  ].filter((s) => s.items.length);
  return (
    <nav
      aria-label="Main"
      className="hidden w-56 shrink-0 flex-col bg-slate-900 text-slate-300 md:flex"
    >
      <div className="flex items-center gap-2 px-4 py-4">
        <span
          aria-hidden
          className="grid size-7 place-items-center rounded bg-sky-600 text-sm font-bold text-white"
        >
          W
        </span>
        <div className="leading-tight">
          <div className="text-sm font-semibold text-white">Watchfloor</div>
          <div className="truncate text-xs text-slate-400">{tenantName}</div>
        </div>
      </div>
      {sections.map((s) => (
        <div key={s.key} className="px-2 py-2">
          {s.title ? (
            <div className="px-2 pb-1 text-[11px] font-semibold uppercase tracking-wider text-slate-500">
              {s.title}
            </div>
          ) : null}
          <ul className="space-y-0.5">
            {s.items.map((i) => {
              const active = isActive(pathname, i.href, items);
              return (
                <li key={i.href}>
                  <Link
                    href={i.href}
                    aria-current={active ? "page" : undefined}
                    className={`block rounded-md px-2 py-1.5 text-sm ${active ? "bg-slate-800 font-medium text-white" : "hover:bg-slate-800/60 hover:text-white"}`}
                  >
                    {i.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}

/** The same links as a scrolling strip for phone-sized screens, where the sidebar is hidden. */
export function MobileNav({ items }: { items: Item[] }) {
  const pathname = usePathname();
  return (
    <nav
      aria-label="Main (compact)"
      className="flex gap-1 overflow-x-auto border-b border-slate-200 bg-slate-900 px-3 py-2 md:hidden"
    >
      {items.map((i) => {
        const active = isActive(pathname, i.href, items);
        return (
          <Link
            key={i.href}
            href={i.href}
            aria-current={active ? "page" : undefined}
            className={`shrink-0 rounded-md px-2.5 py-1 text-sm ${active ? "bg-slate-700 text-white" : "text-slate-300"}`}
          >
            {i.label}
          </Link>
        );
      })}
    </nav>
  );
}

/** The item for this page: an exact match, else the longest href the path starts with. */
function isActive(pathname: string, href: string, items: Item[]): boolean {
  if (pathname === href) return true;
  if (!pathname.startsWith(`${href}/`)) return false;
  return !items.some(
    (o) =>
      o.href.length > href.length && (pathname === o.href || pathname.startsWith(`${o.href}/`)),
  );
}
