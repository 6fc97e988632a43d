"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Timeline } from "@/components/admin/timeline";
import { ScopePicker } from "@/components/forms/scope-picker";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { ROLE_LABELS, ROLES, SCOPED_ROLES, type Role } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import type { RouterOutputs } from "@/lib/trpc/types";

type Scope = { siteIds: string[]; clientIds: string[] };

export type ScopeOptions = {
  clients: { id: string; label: string }[];
  sites: { id: string; label: string; hint?: string }[];
};
type Options = ScopeOptions;

export function CreateUser({ options, onDone }: { options: Options; onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [form, setForm] = useState({
    name: "",
    email: "",
    role: "noc_operator" as Role,
    password: "",
  });
  const [scope, setScope] = useState<Scope>({ siteIds: [], clientIds: [] });
  const create = useMutation(
    trpc.user.create.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries(trpc.user.pathFilter());
        onDone();
      },
    }),
  );
  const errs = fieldErrors(create.error);
  return (
    <div className="mb-6">
      <Card title="New user">
        <form
          className="grid gap-4 p-4 md:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ ...form, scope });
          }}
        >
          <Field label="Name" error={errs.name}>
            <Input
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
              invalid={Boolean(errs.name)}
            />
          </Field>
          <Field label="E-mail" error={errs.email}>
            <Input
              type="email"
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.target.value })}
              invalid={Boolean(errs.email)}
            />
          </Field>
          <Field label="Role" error={errs.role}>
            <Select
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Initial password"
            error={errs.password}
            hint="At least 10 characters; share it privately."
          >
            <Input
              type="password"
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
              invalid={Boolean(errs.password)}
            />
          </Field>
          {SCOPED_ROLES.includes(form.role) ? (
            <div className="md:col-span-2">
              <ScopePicker
                clients={options.clients}
                sites={options.sites}
                value={scope}
                onChange={setScope}
              />
            </div>
          ) : null}
          <div className="flex items-center gap-3 md:col-span-2">
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create user"}
            </Button>
            {create.error ? (
              <p role="alert" className="text-sm text-red-700">
                {errorMessage(create.error)}
              </p>
            ) : null}
          </div>
        </form>
      </Card>
    </div>
  );
}

type UserRow = RouterOutputs["user"]["list"][number];

export function EditUser({
  user,
  options,
  onClose,
}: {
  user: UserRow;
  options: Options;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [scope, setScope] = useState<Scope>(user.scope);
  const update = useMutation(
    trpc.user.update.mutationOptions({
      onSuccess: () =>
        qc
          .invalidateQueries(trpc.user.pathFilter())
          .then(() => qc.invalidateQueries(trpc.audit.pathFilter())),
    }),
  );
  return (
    <Card
      title={`Edit ${user.name}`}
      actions={
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
      }
    >
      <form
        className="space-y-4 p-4"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({
            id: user.id,
            name,
            role,
            ...(SCOPED_ROLES.includes(role)
              ? { scope }
              : { scope: { siteIds: [], clientIds: [] } }),
          });
        }}
      >
        <Field label="Name" error={fieldErrors(update.error).name}>
          <Input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Role">
          <Select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        {SCOPED_ROLES.includes(role) ? (
          <ScopePicker
            clients={options.clients}
            sites={options.sites}
            value={scope}
            onChange={setScope}
          />
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" disabled={update.isPending}>
            Save changes
          </Button>
          <Button
            variant={user.active ? "danger" : "secondary"}
            disabled={update.isPending}
            onClick={() => update.mutate({ id: user.id, active: !user.active })}
          >
            {user.active ? "Deactivate" : "Reactivate"}
          </Button>
        </div>
        {update.error ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(update.error)}
          </p>
        ) : update.isSuccess ? (
          <p role="status" className="text-sm text-emerald-700">
            Saved.
          </p>
        ) : null}
      </form>
      <div className="border-t border-slate-200 p-4">
        <h3 className="mb-2 text-sm font-semibold">History</h3>
        <Timeline entityType="user" entityId={user.id} />
      </div>
    </Card>
  );
}
