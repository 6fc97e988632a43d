"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Checkbox, NumberField, TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { Card } from "@/components/ui/card";
import { PLAYBOOK_FEATURE, tierIncludes } from "@/lib/tiers";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";
import { DryRunPanel } from "./dry-run-panel";
import { newPlaybook, playbookEditorSchema } from "./step-defaults";
import type { Directory } from "./step-fields";
import { StepList } from "./step-list";
import { TriggerFields } from "./trigger-fields";

type Playbook = RouterOutputs["playbook"]["get"];

/** The people, groups, clients and sites the editor offers (only gold clients' for triggers). */
function useChoices() {
  const trpc = useTRPC();
  const users = useQuery(trpc.user.list.queryOptions());
  const groups = useQuery(trpc.group.list.queryOptions());
  const clients = useQuery(trpc.client.list.queryOptions());
  const sites = useQuery(trpc.site.list.queryOptions({}));
  const directory: Directory = {
    people: (users.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name })),
    groups: (groups.data ?? []).map((g) => ({ value: g.id, label: g.name })),
  };
  const gold = (clients.data ?? []).filter(
    (c) => c.active && tierIncludes(c.tier, PLAYBOOK_FEATURE),
  );
  return {
    directory,
    clients: gold.map((c) => ({ value: c.id, label: c.name })),
    sites: (sites.data ?? [])
      .filter((s) => s.active && tierIncludes(s.tier, PLAYBOOK_FEATURE))
      .map((s) => ({ value: s.id, label: `${s.name} (${s.clientName})`, clientId: s.clientId })),
  };
}

/**
 * A playbook's form: name, trigger, approval, guardrail and ordered steps, validated by the
 * shared schema before the server sees it; saving an existing playbook makes a new version.
 * Beside it, the dry run of what the form holds now.
 */
export function PlaybookEditor({ playbook }: { playbook?: Playbook }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const choices = useChoices();
  const [saved, setSaved] = useState<number | null>(null);
  const onSuccess = () => qc.invalidateQueries(trpc.playbook.pathFilter());
  const create = useMutation(trpc.playbook.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.playbook.update.mutationOptions({ onSuccess }));
  const form = useZodForm(playbookEditorSchema, {
    defaultValues: playbook
      ? { name: playbook.name, definition: playbook.definition }
      : newPlaybook(),
  });
  const { control } = form;
  return (
    <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_400px]">
      <Card>
        <Form
          form={form}
          className="space-y-6 p-4 text-sm"
          aria-label={playbook ? `Edit ${playbook.name}` : "New playbook"}
          onSubmit={async (values) => {
            setSaved(null);
            if (playbook) {
              const r = await update.mutateAsync({ id: playbook.id, ...values });
              setSaved(r.version);
              form.reset(values);
            } else {
              const r = await create.mutateAsync({ ...values, enabled: false });
              router.push(`/playbooks/${r.id}?created=1`);
            }
          }}
        >
          <TextField
            control={control}
            name="name"
            label="Name"
            placeholder="Camera offline: check, wait, resolve or ticket"
            autoFocus={!playbook}
          />
          <TriggerFields control={control} clients={choices.clients} sites={choices.sites} />
          <section aria-labelledby="safety-heading" className="grid gap-3 sm:grid-cols-2">
            <h2 id="safety-heading" className="text-sm font-semibold text-slate-800 sm:col-span-2">
              Approval and guardrail
            </h2>
            <div className="text-sm">
              <Checkbox
                control={control}
                name="definition.requiresApproval"
                label="Requires a supervisor's approval"
              />
              <p className="mt-1 text-xs text-slate-500">
                The run waits until a supervisor approves it in the app or from the e-mail or Slack
                link.
              </p>
            </div>
            <NumberField
              control={control}
              name="definition.maxRunsPerSiteHour"
              label="At most runs per site per hour"
              emptyAs={undefined}
              hint="Runs beyond it are skipped and counted as guardrail skips."
            />
          </section>
          <StepList control={control} directory={choices.directory} />
          <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
            <SubmitButton pending="Saving…">
              {playbook ? "Save as new version" : "Create playbook"}
            </SubmitButton>
            <Link href="/playbooks" className="text-sm text-sky-700 underline">
              Back to playbooks
            </Link>
            {saved !== null ? (
              <p role="status" className="text-sm text-emerald-700">
                Saved as version {saved}. New runs use it; runs under way keep theirs.
              </p>
            ) : null}
            {!playbook ? (
              <p className="text-xs text-slate-500">
                A new playbook starts disabled: dry-run it, then enable it on the list.
              </p>
            ) : null}
          </div>
          <FormError />
        </Form>
      </Card>
      <div className="xl:sticky xl:top-4">
        <DryRunPanel form={form} />
      </div>
    </div>
  );
}
