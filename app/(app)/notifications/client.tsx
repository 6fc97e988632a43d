"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { PermittedLink } from "@/components/shell/permitted-link";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

export function NotificationsClient() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const inbox = useQuery(trpc.notification.inbox.queryOptions({ limit: 100 }));
  const prefs = useQuery(trpc.me.get.queryOptions());
  const markRead = useMutation(
    trpc.notification.markRead.mutationOptions({
      onSuccess: () => qc.invalidateQueries(trpc.notification.pathFilter()),
    }),
  );
  const setPrefs = useMutation(
    trpc.me.updatePreferences.mutationOptions({
      onSuccess: () => qc.invalidateQueries(trpc.me.pathFilter()),
    }),
  );

  return (
    <>
      <PageHeader
        title="Notifications"
        description="Everything sent to you in the app. E-mail copies follow your preference below."
        actions={
          <Button
            variant="secondary"
            disabled={!inbox.data?.unread || markRead.isPending}
            onClick={() => markRead.mutate({})}
          >
            Mark all read
          </Button>
        }
      />
      <div className="mb-4 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={
              setPrefs.isPending
                ? (setPrefs.variables?.emailNotifications ?? false)
                : (prefs.data?.emailNotifications ?? false)
            }
            disabled={!prefs.data || setPrefs.isPending}
            onChange={(e) => setPrefs.mutate({ emailNotifications: e.target.checked })}
          />
          Also send me notifications by e-mail
        </label>
        {setPrefs.error ? (
          <p role="alert" className="mt-1 text-red-700">
            {errorMessage(setPrefs.error)}
          </p>
        ) : null}
      </div>
      <Card>
        {inbox.data?.items.length ? (
          <ul className="divide-y divide-slate-100">
            {inbox.data.items.map((n) => (
              <li
                key={n.id}
                className={`flex items-start justify-between gap-4 px-4 py-3 ${n.readAt ? "" : "bg-sky-50/60"}`}
              >
                <div>
                  <div className="font-medium">{n.subject}</div>
                  <p className="text-sm text-slate-600">{n.body}</p>
                  <div className="mt-0.5 text-xs text-slate-400">{formatDateTime(n.createdAt)}</div>
                </div>
                <div className="flex shrink-0 gap-2">
                  {n.link ? (
                    <PermittedLink className="text-sm text-sky-700 hover:underline" href={n.link}>
                      Open
                    </PermittedLink>
                  ) : null}
                  {!n.readAt ? (
                    <Button variant="ghost" onClick={() => markRead.mutate({ ids: [n.id] })}>
                      Mark read
                    </Button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState>{inbox.isPending ? "Loading…" : "No notifications yet."}</EmptyState>
        )}
      </Card>
    </>
  );
}
