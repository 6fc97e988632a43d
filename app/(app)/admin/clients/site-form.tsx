"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { NumberField, TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { siteCreateInput } from "@/lib/schemas/admin";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

type SiteRow = {
  id: string;
  name: string;
  address: string;
  phone?: string;
  timeZone: string;
  latitude: number;
  longitude: number;
  geofenceRadiusM: number;
  criticality: number;
  active: boolean;
};

export function SiteForm({
  site,
  clientId,
  onDone,
}: {
  site?: SiteRow;
  clientId: string;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const onSuccess = async () => {
    await qc.invalidateQueries(trpc.site.pathFilter());
    await qc.invalidateQueries(trpc.audit.pathFilter());
  };
  const create = useMutation(trpc.site.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.site.update.mutationOptions({ onSuccess }));
  const activate = useMutation(trpc.site.update.mutationOptions({ onSuccess }));
  const form = useZodForm(siteCreateInput, {
    defaultValues: {
      clientId,
      name: site?.name ?? "",
      address: site?.address ?? "",
      phone: site?.phone ?? "",
      timeZone: site?.timeZone ?? "America/Chicago",
      latitude: site?.latitude,
      longitude: site?.longitude,
      geofenceRadiusM: site?.geofenceRadiusM ?? 150,
      criticality: site?.criticality ?? 3,
    },
  });
  const { control } = form;
  return (
    <Card
      title={site ? `Edit ${site.name}` : "New site"}
      actions={
        <Button variant="ghost" onClick={onDone}>
          Close
        </Button>
      }
    >
      <Form
        form={form}
        className="grid grid-cols-1 sm:grid-cols-2 gap-3 p-4"
        onSubmit={async (values) => {
          activate.reset();
          if (site) return update.mutateAsync({ id: site.id, ...values });
          await create.mutateAsync(values);
          onDone();
        }}
      >
        <TextField control={control} name="name" label="Name" className="sm:col-span-2" />
        <TextField control={control} name="address" label="Address" className="sm:col-span-2" />
        <TextField
          control={control}
          name="phone"
          label="Site phone"
          hint="Vendors on a work order here can tap it to call."
          className="sm:col-span-2"
        />
        <TextField
          control={control}
          name="timeZone"
          label="Time zone (IANA)"
          hint="For example America/Chicago or Europe/London."
          className="sm:col-span-2"
        />
        <NumberField control={control} name="latitude" label="Latitude" />
        <NumberField control={control} name="longitude" label="Longitude" />
        <NumberField
          control={control}
          name="geofenceRadiusM"
          label="Geofence radius (m)"
          type="number"
        />
        <NumberField
          control={control}
          name="criticality"
          label="Criticality (1–5)"
          type="number"
          min={1}
          max={5}
        />
        <div className="sm:col-span-2 flex flex-wrap items-center gap-2">
          <SubmitButton>{site ? "Save changes" : "Create site"}</SubmitButton>
          {site ? (
            <Button
              variant={site.active ? "danger" : "secondary"}
              onClick={() => {
                update.reset();
                activate.mutate({ id: site.id, active: !site.active });
              }}
            >
              {site.active ? "Deactivate" : "Reactivate"}
            </Button>
          ) : null}
        </div>
        <FormError className="sm:col-span-2" />
        {activate.error ? (
          <p role="alert" className="sm:col-span-2 text-sm text-red-700">
            {errorMessage(activate.error)}
          </p>
        ) : null}
      </Form>
    </Card>
  );
}
