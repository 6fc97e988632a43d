"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import {
  channelsFor,
  EMAIL_DIGESTS,
  EMAIL_DIGEST_LABELS,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_CHANNEL_LABELS,
  NOTIFICATION_KINDS,
  NOTIFICATION_KIND_LABELS,
  type EmailDigest,
  type NotificationPrefs,
} from "@/lib/notifications";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

/** Per kind: in app / e-mail / Slack (none ticked is off), and the e-mail digest interval. */
export function NotificationSettings() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const prefs = useQuery(trpc.notification.preferences.queryOptions());
  const [draft, setDraft] = useState<{ kinds: NotificationPrefs; emailDigest: EmailDigest } | null>(
    null,
  );
  const save = useMutation(
    trpc.notification.updatePreferences.mutationOptions({
      onSuccess: () => {
        setDraft(null);
        return qc.invalidateQueries(trpc.notification.pathFilter());
      },
    }),
  );
  if (!prefs.data) return null;
  const current = draft ?? { kinds: prefs.data.kinds, emailDigest: prefs.data.emailDigest };
  const toggle = (kind: (typeof NOTIFICATION_KINDS)[number], channel: string, on: boolean) => {
    const now = channelsFor(current.kinds, kind, prefs.data?.emailNotifications ?? true);
    const next = on ? [...now, channel] : now.filter((c) => c !== channel);
    setDraft({
      ...current,
      kinds: {
        ...current.kinds,
        [kind]: NOTIFICATION_CHANNELS.filter((c) => next.includes(c)),
      },
    });
  };

  return (
    <Card title="What reaches you, and how">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(current);
        }}
      >
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
                <th className="px-4 py-2 font-medium">Kind</th>
                {NOTIFICATION_CHANNELS.map((c) => (
                  <th key={c} className="px-2 py-2 text-center font-medium">
                    {NOTIFICATION_CHANNEL_LABELS[c]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {NOTIFICATION_KINDS.map((kind) => {
                const on = channelsFor(current.kinds, kind, prefs.data.emailNotifications);
                return (
                  <tr key={kind}>
                    <td className="px-4 py-2">
                      {NOTIFICATION_KIND_LABELS[kind]}
                      {on.length ? null : (
                        <span className="ml-2 text-xs font-medium text-slate-500">off</span>
                      )}
                    </td>
                    {NOTIFICATION_CHANNELS.map((c) => (
                      <td key={c} className="px-2 py-2 text-center">
                        <input
                          type="checkbox"
                          aria-label={`${NOTIFICATION_KIND_LABELS[kind]}: ${NOTIFICATION_CHANNEL_LABELS[c]}`}
                          checked={on.includes(c)}
                          onChange={(e) => toggle(kind, c, e.target.checked)}
                        />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="flex flex-wrap items-end justify-between gap-3 border-t border-slate-200 px-4 py-3">
          <label className="text-sm">
            <span className="block text-xs font-medium text-slate-600">E-mail digest</span>
            <select
              className="mt-1 rounded-md border border-slate-300 px-2 py-1"
              value={current.emailDigest}
              onChange={(e) => setDraft({ ...current, emailDigest: e.target.value as EmailDigest })}
            >
              {EMAIL_DIGESTS.map((d) => (
                <option key={d} value={d}>
                  {EMAIL_DIGEST_LABELS[d]}
                </option>
              ))}
            </select>
          </label>
          <div className="flex items-center gap-3">
            {save.isSuccess && !draft ? (
              <span role="status" className="text-sm text-emerald-700">
                Saved
              </span>
            ) : null}
            <Button type="submit" disabled={!draft || save.isPending}>
              Save choices
            </Button>
          </div>
        </div>
        {save.error ? (
          <p role="alert" className="px-4 pb-3 text-sm text-red-700">
            {errorMessage(save.error)}
          </p>
        ) : null}
      </form>
    </Card>
  );
}
