"use client";

import { RelativeTime } from "@/components/ui/relative-time";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { RunStatus } from "@/components/ui/run-status";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

type Channel = "" | "email" | "slack";
type Status = "" | "pending" | "sent" | "failed";

export function OutboxClient() {
  const trpc = useTRPC();
  const [channel, setChannel] = useState<Channel>("");
  const [status, setStatus] = useState<Status>("");
  const [open, setOpen] = useState<string | null>(null);
  const outbox = useQuery(
    trpc.outbox.list.queryOptions({
      limit: 50,
      ...(channel ? { channel } : {}),
      ...(status ? { status } : {}),
    }),
  );

  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every e-mail and Slack notification and how its delivery went. Without an SMTP server configured, e-mail is kept here to read (the dev mailbox)."
        actions={
          <div className="flex gap-3 text-sm">
            <label className="flex items-center gap-2">
              <span className="text-slate-600">Channel</span>
              <Select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
                <option value="">All</option>
                <option value="email">E-mail</option>
                <option value="slack">Slack</option>
              </Select>
            </label>
            <label className="flex items-center gap-2">
              <span className="text-slate-600">Status</span>
              <Select value={status} onChange={(e) => setStatus(e.target.value as Status)}>
                <option value="">All</option>
                <option value="pending">Pending</option>
                <option value="sent">Sent</option>
                <option value="failed">Failed</option>
              </Select>
            </label>
          </div>
        }
      />
      <div className="grid gap-6 xl:grid-cols-[1fr_340px]">
        <Card>
          {outbox.data?.items.length ? (
            <ul aria-label="Outbox" className="divide-y divide-slate-100">
              {outbox.data.items.map((m) => (
                <li key={m.id} className="px-4 py-3">
                  <button
                    type="button"
                    className="w-full text-left"
                    aria-expanded={open === m.id}
                    onClick={() => setOpen(open === m.id ? null : m.id)}
                  >
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge tone={m.channel === "email" ? "sky" : "violet"}>
                        {m.channel === "email" ? "E-mail" : "Slack"}
                      </Badge>
                      <RunStatus status={m.status} />
                      {m.deliveredVia === "dev_mailbox" ? (
                        <Badge tone="amber">dev mailbox</Badge>
                      ) : null}
                      <span className="font-medium">{m.subject}</span>
                    </div>
                    <div className="mt-0.5 text-xs text-slate-500">
                      to {m.recipient.startsWith("group:") ? "group Slack channel" : m.recipient} ·{" "}
                      <RelativeTime date={m.createdAt} />
                      {m.attempts ? ` · ${m.attempts} attempt${m.attempts === 1 ? "" : "s"}` : ""}
                      {m.status === "pending" && m.attempts ? (
                        <RelativeTime prefix=" · next try " date={m.nextAttemptAt} />
                      ) : (
                        ""
                      )}
                    </div>
                    {m.lastError && m.status !== "sent" ? (
                      <div className="mt-0.5 text-xs text-red-700">{m.lastError}</div>
                    ) : null}
                  </button>
                  {open === m.id ? (
                    <div className="mt-2 rounded-md bg-slate-50 p-3 text-sm">
                      <p className="whitespace-pre-wrap">{m.body}</p>
                      {m.link ? (
                        <p className="mt-1 text-xs text-slate-500">Link: {m.link}</p>
                      ) : null}
                      <p className="mt-1 text-xs text-slate-500">
                        Queued {formatDateTime(m.createdAt)}
                        {m.sentAt
                          ? ` · delivered ${formatDateTime(m.sentAt)} via ${m.deliveredVia ?? "?"}`
                          : ""}
                      </p>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState>{outbox.isPending ? "Loading…" : "Nothing has been sent yet."}</EmptyState>
          )}
        </Card>
        <SlackSettings />
      </div>
    </>
  );
}

function SlackSettings() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const settings = useQuery(trpc.tenant.settings.queryOptions());
  const [url, setUrl] = useState("");
  const update = useMutation(
    trpc.tenant.updateSettings.mutationOptions({
      onSuccess: async () => {
        setUrl("");
        await qc.invalidateQueries(trpc.tenant.pathFilter());
      },
    }),
  );
  return (
    <Card title="Slack">
      <form
        className="space-y-3 p-4"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ slackWebhookUrl: url.trim() || null });
        }}
      >
        <p className="text-sm text-slate-600">
          Tenant webhook, used for groups without their own:{" "}
          {settings.data?.slackWebhook ? (
            <code className="font-mono text-xs">{settings.data.slackWebhook}</code>
          ) : (
            <span className="text-slate-400">not set</span>
          )}
        </p>
        <Field
          label="Incoming-webhook URL"
          error={fieldErrors(update.error).slackWebhookUrl}
          hint="Leave empty and save to remove it."
        >
          <Input
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://hooks.slack.com/services/…"
          />
        </Field>
        <Button type="submit" disabled={update.isPending}>
          Save webhook
        </Button>
        {update.error && !fieldErrors(update.error).slackWebhookUrl ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(update.error)}
          </p>
        ) : null}
      </form>
    </Card>
  );
}
