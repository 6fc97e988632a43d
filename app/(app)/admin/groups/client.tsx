"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Timeline } from "@/components/admin/timeline";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { groupCreateInput } from "@/lib/schemas/admin";
import { ROLE_LABELS } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

export function GroupsClient() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const groups = useQuery(trpc.group.list.queryOptions());
  const users = useQuery(trpc.user.list.queryOptions());
  const refresh = () => qc.invalidateQueries(trpc.group.pathFilter());
  const add = useMutation(trpc.group.addMember.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.group.removeMember.mutationOptions({ onSuccess: refresh }));
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title="Groups"
        description="Teams that alerts are routed to and that receive escalations, each with an optional Slack webhook."
        actions={
          <Button onClick={() => setCreating((c) => !c)}>{creating ? "Close" : "New group"}</Button>
        }
      />
      {creating ? <CreateGroup onDone={() => setCreating(false)} /> : null}
      {add.error || remove.error ? (
        <p role="alert" className="mb-3 text-sm text-red-700">
          {errorMessage(add.error ?? remove.error)}
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        {groups.data?.map((g) => {
          const candidates =
            users.data?.filter((u) => u.active && !g.members.some((m) => m.userId === u.id)) ?? [];
          return (
            <Card
              key={g.id}
              title={g.name}
              actions={
                g.hasSlackWebhook ? (
                  <Badge tone="green">Slack webhook set</Badge>
                ) : (
                  <Badge>No Slack webhook</Badge>
                )
              }
            >
              {g.description ? (
                <p className="border-b border-slate-100 px-4 py-2 text-sm text-slate-600">
                  {g.description}
                </p>
              ) : null}
              <ul aria-label={`Members of ${g.name}`} className="divide-y divide-slate-100">
                {g.members.map((m) => (
                  <li
                    key={m.userId}
                    className="flex items-center justify-between px-4 py-2 text-sm"
                  >
                    <span>
                      {m.name} <span className="text-xs text-slate-500">{ROLE_LABELS[m.role]}</span>
                    </span>
                    <Button
                      variant="ghost"
                      aria-label={`Remove ${m.name} from ${g.name}`}
                      onClick={() => remove.mutate({ groupId: g.id, userId: m.userId })}
                    >
                      Remove
                    </Button>
                  </li>
                ))}
                {!g.members.length ? (
                  <li className="px-4 py-3 text-sm text-slate-500">No members yet.</li>
                ) : null}
              </ul>
              <form
                className="flex items-end gap-2 border-t border-slate-200 px-4 py-3"
                onSubmit={(e) => {
                  e.preventDefault();
                  const userId = new FormData(e.currentTarget).get("userId");
                  if (typeof userId === "string" && userId) add.mutate({ groupId: g.id, userId });
                }}
              >
                <div className="flex-1">
                  <Field label={`Add a member to ${g.name}`}>
                    <Select name="userId" defaultValue="">
                      <option value="" disabled>
                        Choose a user…
                      </option>
                      {candidates.map((u) => (
                        <option key={u.id} value={u.id}>
                          {u.name} ({ROLE_LABELS[u.role]})
                        </option>
                      ))}
                    </Select>
                  </Field>
                </div>
                <Button type="submit" variant="secondary" disabled={add.isPending}>
                  Add
                </Button>
              </form>
              <GroupHistory groupId={g.id} />
            </Card>
          );
        })}
      </div>
    </>
  );
}

function CreateGroup({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const create = useMutation(trpc.group.create.mutationOptions());
  const form = useZodForm(groupCreateInput, {
    defaultValues: { name: "", description: "", slackWebhookUrl: null },
  });
  const { control } = form;
  return (
    <div className="mb-6">
      <Card title="New group">
        <Form
          form={form}
          className="grid gap-4 p-4 md:grid-cols-3"
          onSubmit={async (values) => {
            await create.mutateAsync(values);
            await qc.invalidateQueries(trpc.group.pathFilter());
            onDone();
          }}
        >
          <TextField control={control} name="name" label="Name" />
          <TextField control={control} name="description" label="Description" />
          <TextField
            control={control}
            name="slackWebhookUrl"
            label="Slack webhook URL"
            hint="Optional; falls back to the tenant's webhook."
            emptyAs={null}
          />
          <div className="flex items-center gap-3 md:col-span-3">
            <SubmitButton>Create group</SubmitButton>
            <FormError />
          </div>
        </Form>
      </Card>
    </div>
  );
}

function GroupHistory({ groupId }: { groupId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="border-t border-slate-200 px-4 py-2">
      <button
        type="button"
        className="text-sm text-sky-700 hover:underline"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? "Hide history" : "Show history"}
      </button>
      {open ? (
        <div className="py-2">
          <Timeline entityType="group" entityId={groupId} />
        </div>
      ) : null}
    </div>
  );
}
