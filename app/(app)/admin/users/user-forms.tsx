"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useWatch } from "react-hook-form";
import { Timeline } from "@/components/admin/timeline";
import { Select, TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { ScopePicker } from "@/components/forms/scope-picker";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ROLE_LABELS, ROLES, SCOPED_ROLES } from "@/lib/roles";
import { userCreateInput, userUpdateInput } from "@/lib/schemas/admin";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import type { RouterOutputs } from "@/lib/trpc/types";

export type ScopeOptions = {
  clients: { id: string; label: string }[];
  sites: { id: string; label: string; hint?: string }[];
};
type Options = ScopeOptions;

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const NO_SCOPE = { siteIds: [], clientIds: [] };

export function CreateUser({ options, onDone }: { options: Options; onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const create = useMutation(trpc.user.create.mutationOptions());
  const form = useZodForm(userCreateInput, {
    defaultValues: { name: "", email: "", role: "noc_operator", password: "", scope: NO_SCOPE },
  });
  const { control } = form;
  const role = useWatch({ control, name: "role" });
  return (
    <div className="mb-6">
      <Card title="New user">
        <Form
          form={form}
          className="grid gap-4 p-4 md:grid-cols-2"
          onSubmit={async (values) => {
            await create.mutateAsync(values);
            await qc.invalidateQueries(trpc.user.pathFilter());
            onDone();
          }}
        >
          <TextField control={control} name="name" label="Name" />
          <TextField control={control} name="email" label="E-mail" type="email" />
          <Select control={control} name="role" label="Role" options={ROLE_OPTIONS} />
          <TextField
            control={control}
            name="password"
            label="Initial password"
            hint="At least 10 characters; share it privately."
            type="password"
            autoComplete="new-password"
          />
          {SCOPED_ROLES.includes(role) ? (
            <div className="md:col-span-2">
              <ScopePicker
                control={control}
                name="scope"
                clients={options.clients}
                sites={options.sites}
              />
            </div>
          ) : null}
          <div className="flex items-center gap-3 md:col-span-2">
            <SubmitButton pending="Creating…">Create user</SubmitButton>
            <FormError />
          </div>
        </Form>
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
  const refresh = () =>
    qc
      .invalidateQueries(trpc.user.pathFilter())
      .then(() => qc.invalidateQueries(trpc.audit.pathFilter()));
  const save = useMutation(trpc.user.update.mutationOptions({ onSuccess: refresh }));
  const activate = useMutation(trpc.user.update.mutationOptions({ onSuccess: refresh }));
  const form = useZodForm(userUpdateInput, {
    defaultValues: { id: user.id, name: user.name, role: user.role, scope: user.scope },
  });
  const { control } = form;
  const role = useWatch({ control, name: "role" });
  const scoped = role !== undefined && SCOPED_ROLES.includes(role);
  return (
    <Card
      title={`Edit ${user.name}`}
      actions={
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
      }
    >
      <Form
        form={form}
        className="space-y-4 p-4"
        onSubmit={async (values) => {
          activate.reset();
          await save.mutateAsync({ ...values, scope: scoped ? values.scope : NO_SCOPE });
        }}
      >
        <TextField control={control} name="name" label="Name" />
        <Select control={control} name="role" label="Role" options={ROLE_OPTIONS} />
        {scoped ? (
          <ScopePicker
            control={control}
            name="scope"
            clients={options.clients}
            sites={options.sites}
          />
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          <SubmitButton disabled={activate.isPending}>Save changes</SubmitButton>
          <Button
            variant={user.active ? "danger" : "secondary"}
            disabled={save.isPending || activate.isPending}
            onClick={() => {
              save.reset();
              activate.mutate({ id: user.id, active: !user.active });
            }}
          >
            {user.active ? "Deactivate" : "Reactivate"}
          </Button>
        </div>
        <FormError />
        {activate.error ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(activate.error)}
          </p>
        ) : save.isSuccess || activate.isSuccess ? (
          <p role="status" className="text-sm text-emerald-700">
            Saved.
          </p>
        ) : null}
      </Form>
      <div className="border-t border-slate-200 p-4">
        <h3 className="mb-2 text-sm font-semibold">History</h3>
        <Timeline entityType="user" entityId={user.id} />
      </div>
    </Card>
  );
}
