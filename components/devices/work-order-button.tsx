"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { PermittedLink } from "@/components/shell/permitted-link";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import {
  FAILURE_TYPE_LABELS,
  KIND_PROFILES,
  workOrderTitle,
  type DeviceKind,
  type FailureType,
} from "@/lib/devices";
import { can } from "@/lib/permissions";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { WORK_ORDER_CATEGORY_LABELS } from "@/lib/work-orders";

type Device = { id: string; name: string; serial: string; kind: DeviceKind; siteName: string };

/**
 * One click from a recommendation: confirm, and a work order for the kind's trade is opened at
 * the device's site with the diagnostics attached (device.createWorkOrder). A second click
 * while that order is open finds it instead of opening another. Drawn only for roles that
 * manage work orders.
 */
export function CreateWorkOrderButton({ device, type }: { device: Device; type: FailureType }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const me = useQuery(trpc.me.get.queryOptions());
  const role = me.data?.role;
  const [confirming, setConfirming] = useState(false);
  const [vendorId, setVendorId] = useState("");
  const vendors = useQuery({
    ...trpc.vendor.list.queryOptions(),
    enabled: confirming && can(role, "vendor.list"),
  });
  const create = useMutation(
    trpc.device.createWorkOrder.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await Promise.all([
          qc.invalidateQueries(trpc.device.pathFilter()),
          qc.invalidateQueries(trpc.workOrder.pathFilter()),
        ]);
      },
    }),
  );
  if (!can(role, "workOrder.manage")) return null;
  const trade = KIND_PROFILES[device.kind].workOrderCategory;
  const fit = (vendors.data ?? []).filter((v) => v.active && v.trades.includes(trade));
  const done = create.data;

  if (done)
    return (
      <p role="status" className="text-sm">
        Work order{" "}
        <PermittedLink
          href={`/work-orders?order=${done.workOrderId}`}
          className="font-medium text-sky-700 underline"
          fallback={<span className="font-medium">#{done.number}</span>}
        >
          #{done.number}
        </PermittedLink>{" "}
        {done.created ? "created" : "was already open"}
      </p>
    );

  return (
    <>
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        Create work order
      </Button>
      {confirming ? (
        <Dialog label="Create a work order?" onClose={() => setConfirming(false)}>
          <div className="mt-3 space-y-3 text-sm">
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              <dt className="text-slate-500">Title</dt>
              <dd>{workOrderTitle(type, device)}</dd>
              <dt className="text-slate-500">Site</dt>
              <dd>{device.siteName}</dd>
              <dt className="text-slate-500">Trade</dt>
              <dd>{WORK_ORDER_CATEGORY_LABELS[trade]}</dd>
              <dt className="text-slate-500">For</dt>
              <dd>{FAILURE_TYPE_LABELS[type]} failure</dd>
            </dl>
            <p className="text-slate-600">
              The device&apos;s diagnostics go with it: health score and components, the prediction
              and why, and the last reading.
            </p>
            {can(role, "vendor.list") ? (
              <Field
                label="Vendor"
                hint={
                  vendors.isPending
                    ? "Loading vendors…"
                    : "Optional: assign now or later on the work order"
                }
              >
                <Select value={vendorId} onChange={(e) => setVendorId(e.target.value)}>
                  <option value="">Not yet</option>
                  {fit.map((v) => (
                    <option key={v.id} value={v.id} disabled={v.doNotDispatch}>
                      {v.name}
                      {v.doNotDispatch ? " — do not dispatch" : ""}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : null}
            {create.error ? (
              <p role="alert" className="text-red-700">
                {errorMessage(create.error)}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
              <Button
                autoFocus
                disabled={create.isPending}
                onClick={() =>
                  create.mutate({ deviceId: device.id, type, vendorId: vendorId || null })
                }
              >
                {create.isPending ? "Creating…" : "Create work order"}
              </Button>
            </div>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
