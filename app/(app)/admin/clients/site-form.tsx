"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

type SiteRow = {
  id: string;
  name: string;
  address: string;
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
  const [f, setF] = useState({
    name: site?.name ?? "",
    address: site?.address ?? "",
    timeZone: site?.timeZone ?? "America/Chicago",
    latitude: site?.latitude.toString() ?? "",
    longitude: site?.longitude.toString() ?? "",
    geofenceRadiusM: site?.geofenceRadiusM.toString() ?? "150",
    criticality: site?.criticality.toString() ?? "3",
  });
  const onSuccess = async () => {
    await qc.invalidateQueries(trpc.site.pathFilter());
    await qc.invalidateQueries(trpc.audit.pathFilter());
    if (!site) onDone();
  };
  const create = useMutation(trpc.site.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.site.update.mutationOptions({ onSuccess }));
  const m = site ? update : create;
  const errs = fieldErrors(m.error);
  const payload = () => ({
    clientId,
    name: f.name,
    address: f.address,
    timeZone: f.timeZone,
    latitude: Number(f.latitude),
    longitude: Number(f.longitude),
    geofenceRadiusM: Number(f.geofenceRadiusM),
    criticality: Number(f.criticality),
  });
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setF({ ...f, [k]: e.target.value });
  return (
    <Card
      title={site ? `Edit ${site.name}` : "New site"}
      actions={
        <Button variant="ghost" onClick={onDone}>
          Close
        </Button>
      }
    >
      <form
        className="grid grid-cols-2 gap-3 p-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (site) update.mutate({ id: site.id, ...payload() });
          else create.mutate(payload());
        }}
      >
        <div className="col-span-2">
          <Field label="Name" error={errs.name}>
            <Input value={f.name} onChange={set("name")} invalid={Boolean(errs.name)} />
          </Field>
        </div>
        <div className="col-span-2">
          <Field label="Address" error={errs.address}>
            <Input value={f.address} onChange={set("address")} />
          </Field>
        </div>
        <div className="col-span-2">
          <Field
            label="Time zone (IANA)"
            error={errs.timeZone}
            hint="For example America/Chicago or Europe/London."
          >
            <Input value={f.timeZone} onChange={set("timeZone")} invalid={Boolean(errs.timeZone)} />
          </Field>
        </div>
        <Field label="Latitude" error={errs.latitude}>
          <Input
            inputMode="decimal"
            value={f.latitude}
            onChange={set("latitude")}
            invalid={Boolean(errs.latitude)}
          />
        </Field>
        <Field label="Longitude" error={errs.longitude}>
          <Input
            inputMode="decimal"
            value={f.longitude}
            onChange={set("longitude")}
            invalid={Boolean(errs.longitude)}
          />
        </Field>
        <Field label="Geofence radius (m)" error={errs.geofenceRadiusM}>
          <Input
            type="number"
            value={f.geofenceRadiusM}
            onChange={set("geofenceRadiusM")}
            invalid={Boolean(errs.geofenceRadiusM)}
          />
        </Field>
        <Field label="Criticality (1–5)" error={errs.criticality}>
          <Input
            type="number"
            min={1}
            max={5}
            value={f.criticality}
            onChange={set("criticality")}
            invalid={Boolean(errs.criticality)}
          />
        </Field>
        <div className="col-span-2 flex flex-wrap items-center gap-2">
          <Button type="submit" disabled={m.isPending}>
            {site ? "Save changes" : "Create site"}
          </Button>
          {site ? (
            <Button
              variant={site.active ? "danger" : "secondary"}
              onClick={() => update.mutate({ id: site.id, active: !site.active })}
            >
              {site.active ? "Deactivate" : "Reactivate"}
            </Button>
          ) : null}
        </div>
        {m.error ? (
          <p role="alert" className="col-span-2 text-sm text-red-700">
            {errorMessage(m.error)}
          </p>
        ) : null}
      </form>
    </Card>
  );
}
