"use client";

import { useWatch } from "react-hook-form";
import { Checkbox, CheckboxGroup, NumberField, Select } from "@/components/forms/fields";
import { ALERT_TYPES, SEVERITIES } from "@/lib/noc";
import { NEVER_AUTO_RESOLVE } from "@/lib/schemas/playbooks";
import type { Choice, EditorControl } from "./step-fields";

/** "DEVICE_OFFLINE" → "Device offline". */
export function alertTypeLabel(type: string): string {
  const words = type.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const boxList =
  "mt-1 grid max-h-44 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2";

/**
 * When a playbook starts: alert types, lowest severity and score, and optionally only some
 * clients or sites (those whose plan includes playbooks; none chosen means all of them).
 */
export function TriggerFields({
  control,
  clients,
  sites,
}: {
  control: EditorControl;
  clients: Choice[];
  sites: (Choice & { clientId: string })[];
}) {
  const chosenClients = useWatch({ control, name: "definition.trigger.clientIds" }) ?? [];
  const shownSites = chosenClients.length
    ? sites.filter((s) => chosenClients.includes(s.clientId))
    : sites;
  return (
    <section aria-labelledby="trigger-heading" className="grid gap-3 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <h2 id="trigger-heading" className="text-sm font-semibold text-slate-800">
          Trigger
        </h2>
        <p className="text-xs text-slate-500">
          A run starts once per alert, after triage, when the alert matches all of these.
        </p>
      </div>
      <CheckboxGroup
        control={control}
        name="definition.trigger.alertTypes"
        label="Alert types"
        className="sm:col-span-2"
        listClassName={`${boxList} grid-cols-2 lg:grid-cols-3`}
        options={ALERT_TYPES.map((t) => ({
          value: t,
          label: NEVER_AUTO_RESOLVE.includes(t)
            ? `${alertTypeLabel(t)} (never auto-resolved)`
            : alertTypeLabel(t),
        }))}
      />
      <Select
        control={control}
        name="definition.trigger.minSeverity"
        label="Lowest severity"
        options={SEVERITIES.map((s) => ({ value: s, label: `${s} and above` }))}
      />
      <NumberField
        control={control}
        name="definition.trigger.minScore"
        label="Lowest priority score"
        emptyAs={undefined}
        hint="0 to 100; 0 also matches alerts without a score."
      />
      <div className="sm:col-span-2">
        <Checkbox
          control={control}
          name="definition.trigger.afterHoursOnly"
          label="After hours only"
        />
        <p className="mt-1 text-xs text-slate-500">
          Only alerts that start before 07:00, from 19:00 or at a weekend, in the site&apos;s time
          zone.
        </p>
      </div>
      <CheckboxGroup
        control={control}
        name="definition.trigger.clientIds"
        label="Only these clients"
        className="sm:col-span-2"
        hint={
          clients.length
            ? "None ticked: every client whose plan includes playbooks."
            : "No client's plan includes playbooks yet."
        }
        listClassName={boxList}
        options={clients}
      />
      <CheckboxGroup
        control={control}
        name="definition.trigger.siteIds"
        label="Only these sites"
        className="sm:col-span-2"
        hint="None ticked: every site of those clients."
        listClassName={`${boxList} lg:grid-cols-3`}
        options={shownSites}
      />
    </section>
  );
}
