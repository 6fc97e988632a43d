"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import {
  WORK_ORDER_CATEGORIES,
  WORK_ORDER_CATEGORY_LABELS,
  WORK_ORDER_PRIORITIES,
  type WorkOrderCategory,
  type WorkOrderPriority,
} from "@/lib/work-orders";

/** A site manager or supervisor opens a job for a vendor, optionally sending it at once. */
export function NewWorkOrderDialog({ onDone }: { onDone: (id: string | null) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const sites = useQuery(trpc.site.list.queryOptions({}));
  const vendors = useQuery(trpc.vendor.list.queryOptions());
  const [siteId, setSiteId] = useState("");
  const [title, setTitle] = useState("");
  const [category, setCategory] = useState<WorkOrderCategory>("hvac");
  const [priority, setPriority] = useState<WorkOrderPriority>("normal");
  const [estimate, setEstimate] = useState("");
  const [due, setDue] = useState("");
  const [vendorId, setVendorId] = useState("");
  const [description, setDescription] = useState("");
  const create = useMutation(
    trpc.workOrder.create.mutationOptions({
      onSuccess: async (r) => {
        await qc.invalidateQueries({ queryKey: trpc.workOrder.pathKey() });
        onDone(r.id);
      },
    }),
  );
  const errs = fieldErrors(create.error);
  if (errs.siteId && !siteId) errs.siteId = "Choose a site";
  const estimateNumber = estimate.trim() === "" ? null : Number(estimate);
  const fit = (vendors.data ?? []).filter((v) => v.active);
  const trade = fit.filter((v) => v.trades.includes(category));
  const others = fit.filter((v) => !v.trades.includes(category));
  const chosen = fit.find((v) => v.id === vendorId);

  return (
    <Dialog label="New work order" onClose={() => onDone(null)}>
      <form
        noValidate
        className="mt-3 grid grid-cols-1 gap-3 text-sm sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({
            siteId,
            title,
            category,
            priority,
            description,
            estimateHours: estimateNumber,
            dueAt: due ? new Date(due) : null,
            vendorId: vendorId || null,
          });
        }}
      >
        <div className="sm:col-span-2">
          <Field label="Site" error={errs.siteId}>
            <Select
              autoFocus
              value={siteId}
              onChange={(e) => setSiteId(e.target.value)}
              invalid={Boolean(errs.siteId)}
            >
              <option value="" disabled>
                Choose a site…
              </option>
              {sites.data?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} — {s.clientName}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Field label="Title" error={errs.title}>
            <Input
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              invalid={Boolean(errs.title)}
              placeholder="e.g. Loading dock door does not close"
            />
          </Field>
        </div>
        <Field label="Category" error={errs.category}>
          <Select
            value={category}
            onChange={(e) => setCategory(e.target.value as WorkOrderCategory)}
          >
            {WORK_ORDER_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {WORK_ORDER_CATEGORY_LABELS[c]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Priority" error={errs.priority}>
          <Select
            value={priority}
            onChange={(e) => setPriority(e.target.value as WorkOrderPriority)}
          >
            {WORK_ORDER_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Estimate (hours)" error={errs.estimateHours} hint="Optional">
          <Input
            inputMode="decimal"
            value={estimate}
            onChange={(e) => setEstimate(e.target.value)}
            invalid={Boolean(errs.estimateHours)}
          />
        </Field>
        <Field label="Due" error={errs.dueAt} hint="Optional, in your local time">
          <Input
            type="datetime-local"
            value={due}
            onChange={(e) => setDue(e.target.value)}
            invalid={Boolean(errs.dueAt)}
          />
        </Field>
        <div className="sm:col-span-2">
          <Field
            label="Vendor"
            error={errs.vendorId}
            hint={
              chosen?.doNotDispatch
                ? `Do not dispatch: ${chosen.expired.map((d) => `${d.name} expired ${d.expiresOn}`).join(", ")}`
                : "Optional: assign now or later"
            }
          >
            <Select value={vendorId} onChange={(e) => setVendorId(e.target.value)}>
              <option value="">Not yet</option>
              {trade.length ? (
                <optgroup label={`${WORK_ORDER_CATEGORY_LABELS[category]} vendors`}>
                  {trade.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.name}
                      {v.doNotDispatch ? " — do not dispatch" : ""}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {others.length ? (
                <optgroup label="Other vendors">
                  {others.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.name}
                      {v.doNotDispatch ? " — do not dispatch" : ""}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </Select>
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Field label="What needs doing" error={errs.description}>
            <Textarea
              rows={4}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </Field>
        </div>
        {create.error && !Object.keys(errs).length ? (
          <p role="alert" className="text-red-700 sm:col-span-2">
            {errorMessage(create.error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2 sm:col-span-2">
          <Button variant="secondary" onClick={() => onDone(null)}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
