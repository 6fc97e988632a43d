"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { WORK_ORDER_PRIORITIES, type WorkOrderPriority } from "@/lib/work-orders";
import { useRefresh } from "./use-refresh";

type Editable = {
  id: string;
  title: string;
  description: string;
  priority: WorkOrderPriority;
  estimateHours: number | null;
  dueAt: Date | null;
};

/** "2027-01-15T09:30" in the browser's time, for a datetime-local input. */
const toLocalInput = (d: Date | null) =>
  d ? new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : "";

export function EditDetails({ order }: { order: Editable }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(order.title);
  const [priority, setPriority] = useState(order.priority);
  const [estimate, setEstimate] = useState(order.estimateHours?.toString() ?? "");
  const [due, setDue] = useState(toLocalInput(order.dueAt));
  const [description, setDescription] = useState(order.description);
  const update = useMutation(
    trpc.workOrder.update.mutationOptions({
      onSuccess: async () => {
        setEditing(false);
        await refresh();
      },
    }),
  );
  if (!editing)
    return (
      <Button
        variant="ghost"
        className="!px-0 text-sky-800"
        onClick={() => {
          setTitle(order.title);
          setPriority(order.priority);
          setEstimate(order.estimateHours?.toString() ?? "");
          setDue(toLocalInput(order.dueAt));
          setDescription(order.description);
          update.reset();
          setEditing(true);
        }}
      >
        Edit details
      </Button>
    );
  const errs = fieldErrors(update.error);
  return (
    <form
      aria-label="Edit details"
      noValidate
      className="grid grid-cols-2 gap-2 rounded-md border border-slate-200 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({
          id: order.id,
          title,
          priority,
          description,
          estimateHours: estimate.trim() === "" ? null : Number(estimate),
          dueAt: due ? new Date(due) : null,
        });
      }}
    >
      <div className="col-span-2">
        <Field label="Title" error={errs.title}>
          <Input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            invalid={Boolean(errs.title)}
          />
        </Field>
      </div>
      <Field label="Priority" error={errs.priority}>
        <Select value={priority} onChange={(e) => setPriority(e.target.value as WorkOrderPriority)}>
          {WORK_ORDER_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Estimate (hours)" error={errs.estimateHours}>
        <Input
          inputMode="decimal"
          value={estimate}
          onChange={(e) => setEstimate(e.target.value)}
          invalid={Boolean(errs.estimateHours)}
        />
      </Field>
      <div className="col-span-2">
        <Field label="Due" error={errs.dueAt} hint="In your local time">
          <Input type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
        </Field>
      </div>
      <div className="col-span-2">
        <Field label="What needs doing" error={errs.description}>
          <Textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
      </div>
      {update.error && !Object.keys(errs).length ? (
        <p role="alert" className="col-span-2 text-red-700">
          {errorMessage(update.error)}
        </p>
      ) : null}
      <div className="col-span-2 flex gap-2">
        <Button type="submit" disabled={update.isPending}>
          Save
        </Button>
        <Button variant="ghost" onClick={() => setEditing(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
