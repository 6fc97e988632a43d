"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useWatch } from "react-hook-form";
import { DateTimeField, TextArea } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formatDateTime } from "@/lib/format";
import { excuseInput, manualAttendanceInput } from "@/lib/schemas/shifts";
import { useTRPC } from "@/lib/trpc/client";
import type { BoardRow } from "./board-parts";

/** What the dialog is about: "Front desk, Gus Guard, 07:00–15:00 at Acme Chicago Hub". */
function ShiftLine({ shift, siteName }: { shift: BoardRow; siteName: string }) {
  return (
    <p className="mt-1 text-sm text-slate-600">
      {shift.postName}, {shift.guardName ?? "nobody assigned"}, {shift.localStart}–{shift.localEnd}{" "}
      at {siteName}
    </p>
  );
}

/** Refetches the board and its figures after a change made here, without waiting for the bus. */
function useShiftRefresh() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => qc.invalidateQueries(trpc.shift.pathFilter());
}

/**
 * A check-in or check-out the guard could not send (a dead phone), with how it was confirmed.
 * The time is entered in the browser's zone and repeated in the site's.
 */
export function ManualAttendanceDialog({
  shift,
  kind,
  siteName,
  timeZone,
  now,
  onDone,
}: {
  shift: BoardRow;
  kind: "check_in" | "check_out";
  siteName: string;
  timeZone: string;
  now: Date;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useShiftRefresh();
  const record = useMutation(trpc.shift.checkIn.mutationOptions());
  const form = useZodForm(manualAttendanceInput, {
    defaultValues: {
      shiftId: shift.id,
      kind,
      at: new Date(Math.floor(now.getTime() / 60_000) * 60_000),
      note: "",
    },
  });
  const { control } = form;
  const at = useWatch({ control, name: "at" });
  const label = kind === "check_in" ? "Record check-in" : "Record check-out";
  return (
    <Dialog label={label} onClose={onDone}>
      <ShiftLine shift={shift} siteName={siteName} />
      <Form
        form={form}
        className="mt-3 space-y-3"
        onSubmit={async (values) => {
          await record.mutateAsync(values);
          // the board and its figures refetch behind the closed dialog
          void refresh();
          onDone();
        }}
      >
        <DateTimeField
          control={control}
          name="at"
          label={kind === "check_in" ? "Arrived at (your time)" : "Left at (your time)"}
          hint={
            at instanceof Date && !Number.isNaN(at.getTime())
              ? `${formatDateTime(at, { timeZone })} at the site`
              : "In your own time zone"
          }
        />
        <TextArea
          control={control}
          name="note"
          label="How it was confirmed"
          hint="Recorded in the audit log, e.g. “Called the guard at the post; phone battery dead”."
          rows={3}
          autoFocus
        />
        <FormError />
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
          <SubmitButton pending="Recording…">{label}</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}

/** Marks an absence excused (illness, an agreed swap): it leaves the compliance figures. */
export function ExcuseDialog({
  shift,
  siteName,
  onDone,
}: {
  shift: BoardRow;
  siteName: string;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useShiftRefresh();
  const excuse = useMutation(trpc.shift.excuse.mutationOptions());
  const form = useZodForm(excuseInput, { defaultValues: { shiftId: shift.id, reason: "" } });
  return (
    <Dialog label="Excuse absence" onClose={onDone}>
      <ShiftLine shift={shift} siteName={siteName} />
      <Form
        form={form}
        className="mt-3 space-y-3"
        onSubmit={async (values) => {
          await excuse.mutateAsync(values);
          // the board and its figures refetch behind the closed dialog
          void refresh();
          onDone();
        }}
      >
        <TextArea
          control={form.control}
          name="reason"
          label="Reason"
          hint="Recorded in the audit log; an open no-show alert is resolved with it."
          rows={3}
          autoFocus
        />
        <FormError />
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
          <SubmitButton pending="Saving…">Excuse absence</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
