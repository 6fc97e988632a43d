"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Timeline } from "@/components/admin/timeline";
import { ScopePicker } from "@/components/forms/scope-picker";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { formatRelative } from "@/lib/format";
import { ROLE_LABELS, ROLES, SCOPED_ROLES, type Role } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import type { RouterOutputs } from "@/lib/trpc/types";

type Scope = { siteIds: string[]; clientIds: string[] };

function useScopeOptions() {
  const trpc = useTRPC();
  const clients = useQuery(trpc.client.list.queryOptions());
  const sites = useQuery(trpc.site.list.queryOptions({}));
  return {
    clients: clients.data?.map((c) => ({ id: c.id, label: c.name })) ?? [],
    sites: sites.data?.map((s) => ({ id: s.id, label: s.name, hint: s.clientName })) ?? [],
    names: new Map([
      ...(clients.data ?? []).map((c) => [c.id, c.name] as const),
      ...(sites.data ?? []).map((s) => [s.id, s.name] as const),
    ]),
  };
}

export function UsersClient() {
  const trpc = useTRPC();
  const users = useQuery(trpc.user.list.queryOptions());
  const options = useScopeOptions();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const editUser = users.data?.find((u) => u.id === editing);

  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in, with which role, and which clients or sites they see."
        actions={
          <Button onClick={() => setCreating((c) => !c)}>{creating ? "Close" : "New user"}</Button>
        }
      />
      {creating ? <CreateUser options={options} onDone={() => setCreating(false)} /> : null}
      <div className={`grid gap-6 ${editUser ? "2xl:grid-cols-[1fr_380px]" : ""}`}>
        <Card>
          <Table label="Users">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Role</Th>
                <Th>Scope</Th>
                <Th>Groups</Th>
                <Th>Status</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {users.data?.map((u) => {
                const scopeNames = [...u.scope.clientIds, ...u.scope.siteIds].map(
                  (id) => options.names.get(id) ?? "?",
                );
                return (
                  <tr key={u.id} className={editing === u.id ? "bg-sky-50/50" : undefined}>
                    <Td>
                      <div className="font-medium">{u.name}</div>
                      <div className="text-xs text-slate-500">{u.email}</div>
                    </Td>
                    <Td>
                      <Badge tone={u.role === "admin" ? "violet" : "slate"}>
                        {ROLE_LABELS[u.role]}
                      </Badge>
                    </Td>
                    <Td className="max-w-56 text-xs text-slate-600">
                      {SCOPED_ROLES.includes(u.role)
                        ? scopeNames.length
                          ? scopeNames.join(", ")
                          : "All"
                        : "Whole tenant"}
                    </Td>
                    <Td className="text-xs text-slate-600">
                      {u.groups.map((g) => g.name).join(", ") || "—"}
                    </Td>
                    <Td>
                      {u.active ? (
                        <Badge tone="green">Active</Badge>
                      ) : (
                        <Badge tone="red">Deactivated</Badge>
                      )}
                      <div className="mt-0.5 text-xs text-slate-400">
                        {u.lastSignInAt
                          ? `signed in ${formatRelative(u.lastSignInAt)}`
                          : "never signed in"}
                      </div>
                    </Td>
                    <Td className="text-right">
                      <Button
                        variant="ghost"
                        onClick={() => setEditing(editing === u.id ? null : u.id)}
                        aria-label={`Edit ${u.name}`}
                      >
                        Edit
                      </Button>
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </Card>
        {editUser ? (
          // beside the table on wide screens, above it otherwise, so it is never off-screen
          <div className="order-first 2xl:order-none">
            <EditUser
              key={editUser.id}
              user={editUser}
              options={options}
              onClose={() => setEditing(null)}
            />
          </div>
        ) : null}
      </div>
    </>
  );
}

type Options = ReturnType<typeof useScopeOptions>;

function CreateUser({ options, onDone }: { options: Options; onDone: () => void }) {
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

function EditUser({
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
          .invalidateQueries({ queryKey: [["user"]] })
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
