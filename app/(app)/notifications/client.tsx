"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { PermittedLink } from "@/components/shell/permitted-link";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { NotificationSettings } from "./settings";
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
        description="Everything sent to you in the app; repeats of one alert or ticket are grouped. Choose below what reaches you, and how."
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
                  <div className="font-medium">
                    {n.subject}
                    {n.count > 1 ? (
                      <span
                        className="ml-2 rounded bg-slate-200 px-1 text-xs font-semibold tabular-nums text-slate-700"
                        aria-label={`${n.count} times`}
                      >
                        ×{n.count}
                      </span>
                    ) : null}
                  </div>
                  <p className="text-sm text-slate-600">{n.body}</p>
                  <div className="mt-0.5 text-xs text-slate-400">
                    {n.count > 1
                      ? `latest ${formatDateTime(n.latestAt)}, first ${formatDateTime(n.createdAt)}`
                      : formatDateTime(n.latestAt)}
                  </div>
                </div>
                <div className="flex shrink-0 gap-2">
                  {n.link ? (
                    <PermittedLink
                      className="text-sm text-sky-700 hover:underline"
                      href={n.link}
                      onClick={() => (n.readAt ? undefined : markRead.mutate({ ids: [n.id] }))}
                    >
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
      <div className="mt-6">
        <NotificationSettings />
      </div>
    </>
  );
}
