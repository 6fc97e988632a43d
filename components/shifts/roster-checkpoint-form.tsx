"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { NumberField, TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { Button } from "@/components/ui/button";
import { checkpointCreateInput } from "@/lib/schemas/shifts";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";
import { RosterActiveToggle, RosterCallError, RosterFormCard } from "./roster-form-parts";
import { useRosterRefresh } from "./roster-refresh";

type Checkpoint = RouterOutputs["roster"]["tours"][number]["checkpoints"][number];

/** Adds a checkpoint at the end of the tour, or renames, moves or retires one. */
export function RosterCheckpointForm({
  tourId,
  checkpoint,
  onDone,
}: {
  tourId: string;
  checkpoint?: Checkpoint | undefined;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const onSuccess = useRosterRefresh();
  const add = useMutation(trpc.roster.addCheckpoint.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.roster.updateCheckpoint.mutationOptions({ onSuccess }));
  const activate = useMutation(trpc.roster.updateCheckpoint.mutationOptions({ onSuccess }));
  const newCode = useMutation(trpc.roster.newCheckpointCode.mutationOptions({ onSuccess }));
  const [confirming, setConfirming] = useState(false);
  const [added, setAdded] = useState("");
  const blank = {
    tourId,
    name: "",
    location: "",
    latitude: null,
    longitude: null,
    toleranceMinutes: 30,
  };
  const form = useZodForm(checkpointCreateInput, {
    defaultValues: checkpoint
      ? {
          tourId,
          name: checkpoint.name,
          location: checkpoint.location,
          latitude: checkpoint.latitude,
          longitude: checkpoint.longitude,
          toleranceMinutes: checkpoint.toleranceMinutes,
        }
      : blank,
  });
  const { control } = form;
  return (
    <RosterFormCard
      title={checkpoint ? `Edit checkpoint ${checkpoint.name}` : "Add checkpoint"}
      onClose={checkpoint ? onDone : undefined}
    >
      <Form
        form={form}
        className="grid grid-cols-2 gap-3 p-4"
        onSubmit={async ({ tourId: _tour, ...fields }) => {
          activate.reset();
          newCode.reset();
          if (checkpoint) {
            await update.mutateAsync({ id: checkpoint.id, ...fields });
            onDone();
          } else {
            await add.mutateAsync({ tourId, ...fields });
            setAdded(`${fields.name} added at the end of the tour.`);
            form.reset(blank);
            form.setFocus("name");
          }
        }}
      >
        <TextField control={control} name="name" label="Name" className="col-span-2" />
        <TextField
          control={control}
          name="location"
          label="Where it hangs"
          className="col-span-2"
          hint="For example Gate 2, north fence (optional)."
        />
        <NumberField control={control} name="latitude" label="Latitude" hint="Optional." />
        <NumberField control={control} name="longitude" label="Longitude" hint="Optional." />
        <NumberField
          control={control}
          name="toleranceMinutes"
          label="Scan within (minutes)"
          type="number"
          min={1}
          max={1440}
          hint="After the round starts."
        />
        <div className="col-span-2 flex flex-wrap items-center gap-2">
          <SubmitButton pending="Saving…">
            {checkpoint ? "Save checkpoint" : "Add checkpoint"}
          </SubmitButton>
          {checkpoint ? (
            <RosterActiveToggle
              active={checkpoint.active}
              onToggle={(active) => activate.mutate({ id: checkpoint.id, active })}
            />
          ) : null}
          {checkpoint && !confirming ? (
            <Button variant="secondary" onClick={() => setConfirming(true)}>
              New code…
            </Button>
          ) : null}
        </div>
        {checkpoint && confirming ? (
          <div
            role="group"
            aria-label="Confirm new code"
            className="col-span-2 space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
          >
            <p>
              Make a new code for {checkpoint.name}? The printed code stops working at once: print
              the new one and replace it.
            </p>
            <div className="flex gap-2">
              <Button
                disabled={newCode.isPending}
                onClick={() =>
                  newCode.mutate({ id: checkpoint.id }, { onSuccess: () => setConfirming(false) })
                }
              >
                Make new code
              </Button>
              <Button variant="ghost" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
            </div>
          </div>
        ) : null}
        {newCode.isSuccess ? (
          <p role="status" className="col-span-2 text-sm text-emerald-800">
            New code made. Print this checkpoint&apos;s code again.
          </p>
        ) : null}
        {added ? (
          <p role="status" className="col-span-2 text-sm text-emerald-800">
            {added}
          </p>
        ) : null}
        <FormError className="col-span-2" />
        <RosterCallError error={activate.error ?? newCode.error} className="col-span-2" />
      </Form>
    </RosterFormCard>
  );
}
