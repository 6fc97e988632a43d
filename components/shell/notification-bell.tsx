"use client";

import { RelativeTime } from "@/components/ui/relative-time";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/lib/trpc/client";

export function NotificationBell() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const inbox = useQuery(trpc.notification.inbox.queryOptions({ limit: 8 }));
  const markAll = useMutation(
    trpc.notification.markRead.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.notification.pathFilter()),
    }),
  );
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (
        e instanceof KeyboardEvent ? e.key === "Escape" : !ref.current?.contains(e.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  const unread = inbox.data?.unread ?? 0;
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="relative rounded-md p-1.5 text-slate-600 hover:bg-slate-100"
      >
        <svg
          aria-hidden
          viewBox="0 0 24 24"
          className="size-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
        >
          <path
            d="M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8M10 20a2 2 0 0 0 4 0"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        {unread ? (
          <span
            data-testid="bell-count"
            className="absolute -right-1 -top-1 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-4 text-white"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="absolute right-0 z-20 mt-2 w-80 rounded-lg border border-slate-200 bg-white shadow-lg">
          <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
            <span className="text-sm font-semibold">Notifications</span>
            <button
              type="button"
              className="text-xs text-sky-700 hover:underline disabled:text-slate-400"
              disabled={!unread || markAll.isPending}
              onClick={() => markAll.mutate({})}
            >
              Mark all read
            </button>
          </div>
          <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
            {inbox.data?.items.length ? (
              inbox.data.items.map((n) => (
                <li key={n.id} className={n.readAt ? "" : "bg-sky-50/60"}>
                  <button
                    type="button"
                    className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-50"
                    onClick={() => {
                      // opening one marks it read
                      if (!n.readAt) markAll.mutate({ ids: [n.id] });
                      setOpen(false);
                      if (n.link) router.push(n.link);
                    }}
                  >
                    <span className="flex items-start justify-between gap-2">
                      <span className="font-medium text-slate-900">{n.subject}</span>
                      {n.count > 1 ? (
                        <span
                          className="shrink-0 rounded bg-slate-200 px-1 text-xs font-semibold tabular-nums text-slate-700"
                          aria-label={`${n.count} times`}
                        >
                          ×{n.count}
                        </span>
                      ) : null}
                    </span>
                    <span className="line-clamp-2 block text-slate-600">{n.body}</span>
                    <span className="mt-0.5 block text-xs text-slate-400">
                      <RelativeTime date={n.latestAt} />
                    </span>
                  </button>
                </li>
              ))
            ) : (
              <li className="px-3 py-6 text-center text-sm text-slate-500">Nothing new.</li>
            )}
          </ul>
          <Link
            href="/notifications"
            className="block border-t border-slate-200 px-3 py-2 text-center text-sm text-sky-700 hover:bg-slate-50"
            onClick={() => setOpen(false)}
          >
            See all notifications
          </Link>
        </div>
      ) : null}
    </div>
  );
}
