"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Checkbox, CheckboxGroup, NumberField, TextField } from "@/components/forms/fields";
import { Form, useZodForm } from "@/components/forms/form";
import { tourCreateInput } from "@/lib/schemas/shifts";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";
import { RosterFormCard, RosterFormFooter } from "./roster-form-parts";
import { useRosterRefresh } from "./roster-refresh";
import { DAY_OPTIONS } from "./roster-template-form";

type Tour = RouterOutputs["roster"]["tours"][number];

/** New tour (then its page, to add checkpoints), or a tour's name, rounds and criticality. */
export function RosterTourForm({
  siteId,
  tour,
  onDone,
}: {
  siteId: string;
  tour?: Tour | undefined;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const onSuccess = useRosterRefresh();
  const create = useMutation(trpc.roster.createTour.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.roster.updateTour.mutationOptions({ onSuccess }));
  const activate = useMutation(trpc.roster.updateTour.mutationOptions({ onSuccess }));
  const form = useZodForm(tourCreateInput, {
    defaultValues: {
      siteId,
      name: tour?.name ?? "",
      critical: tour?.critical ?? false,
      days: tour?.days ?? [1, 2, 3, 4, 5, 6, 7],
      windowStart: tour?.windowStart ?? "20:00",
      windowEnd: tour?.windowEnd ?? "06:00",
      everyMinutes: tour?.everyMinutes ?? 120,
    },
  });
  const { control } = form;
  return (
    <RosterFormCard title={tour ? `Edit tour ${tour.name}` : "New tour"} onClose={onDone}>
      <Form
        form={form}
        className="grid grid-cols-2 gap-3 p-4"
        onSubmit={async ({ siteId: _site, ...fields }) => {
          activate.reset();
          if (tour) {
            await update.mutateAsync({ id: tour.id, ...fields });
            onDone();
          } else {
            const { id } = await create.mutateAsync({ siteId, ...fields });
            router.push(`/shifts/roster/tours/${id}?site=${siteId}`);
          }
        }}
      >
        <TextField
          control={control}
          name="name"
          label="Name"
          className="col-span-2"
          autoFocus={!tour}
          hint="For example Night perimeter."
        />
        <CheckboxGroup
          control={control}
          name="days"
          label="Days of the week"
          className="col-span-2"
          options={DAY_OPTIONS}
        />
        <TextField
          control={control}
          name="windowStart"
          label="First round (site time)"
          type="time"
        />
        <TextField
          control={control}
          name="windowEnd"
          label="Rounds end (site time)"
          type="time"
          hint="Before the first round: the next day."
        />
        <NumberField
          control={control}
          name="everyMinutes"
          label="Minutes between rounds"
          type="number"
          min={10}
          max={1440}
        />
        <Checkbox
          control={control}
          name="critical"
          label="Critical: a missed round raises a NOC alert"
          className="col-span-2 flex items-center gap-1.5 text-sm text-slate-700"
        />
        <RosterFormFooter
          submit={tour ? "Save tour" : "Create tour"}
          toggle={
            tour && {
              active: tour.active,
              onToggle: (active) => activate.mutate({ id: tour.id, active }),
            }
          }
          error={activate.error}
        />
      </Form>
    </RosterFormCard>
  );
}
