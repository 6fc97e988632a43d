"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import {
  MAX_UPLOAD_BYTES,
  OPEN_WORK_ORDER_STATUSES,
  WORK_ORDER_PRIORITIES,
  WORK_ORDER_STATUS_LABELS,
  canReassign,
  findTransition,
  type WorkOrderPriority,
  type WorkOrderStatus,
} from "@/lib/work-orders";
import { ACTION_LABELS, DueLabel, PriorityBadge, StatusBadge, categoryLabel } from "./parts";

const notAvailable = (err: unknown) =>
  err instanceof TRPCClientError &&
  ["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"].includes(
    (err.data as { code?: string } | undefined)?.code ?? "",
  );

const textarea =
  "block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm shadow-xs focus:border-sky-600 focus:outline-none focus:ring-2 focus:ring-sky-600/20";

/** The selected work order: what it is, who has it, what can happen next, and its history. */
export function WorkOrderDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const trpc = useTRPC();
  const detail = useQuery({
    ...trpc.workOrder.get.queryOptions({ id }),
    retry: (n, err) => !notAvailable(err) && n < 2,
  });
  const d = detail.data;
  const close = (
    <Button variant="ghost" onClick={onClose}>
      Close
    </Button>
  );
  if (!d) {
    return (
      <Card title="Work order" actions={close}>
        <p className="p-4 text-sm text-slate-500">
          {detail.isError ? "This work order is not available to you." : "Loading…"}
        </p>
      </Card>
    );
  }
  const open = OPEN_WORK_ORDER_STATUSES.includes(d.status);
  const tz = d.siteTimeZone ?? undefined;
  return (
    <Card title={`#${d.number} ${d.title}`} actions={close}>
      <div className="space-y-5 p-4 text-sm">
        <div className="flex flex-wrap items-center gap-2">
          <span data-testid="work-order-status">
            <StatusBadge status={d.status} />
          </span>
          <PriorityBadge priority={d.priority} />
          <Badge>{categoryLabel(d.category)}</Badge>
          {d.rework ? <Badge tone="red">rework</Badge> : null}
          {d.rating ? (
            <span aria-label={`Rated ${d.rating} of 5`} className="text-amber-600">
              {"★".repeat(d.rating)}
              <span className="text-slate-300">{"★".repeat(5 - d.rating)}</span>
            </span>
          ) : null}
        </div>
        <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1 text-slate-700">
          <dt className="text-slate-500">Site</dt>
          <dd>
            {d.siteName} · {d.clientName}
            {d.siteAddress ? <div className="text-xs text-slate-500">{d.siteAddress}</div> : null}
          </dd>
          <dt className="text-slate-500">Requested</dt>
          <dd>
            {d.requesterName ?? "—"} · <RelativeTime date={d.createdAt} />
          </dd>
          <dt className="text-slate-500">Due</dt>
          <dd>
            {d.dueAt ? (
              <>
                {formatDateTime(d.dueAt, tz)} · <DueLabel dueAt={d.dueAt} status={d.status} />
              </>
            ) : (
              "no due time"
            )}
          </dd>
          <dt className="text-slate-500">Estimate</dt>
          <dd>{d.estimateHours ? `${d.estimateHours} h` : "—"}</dd>
          {d.startedAt ? (
            <>
              <dt className="text-slate-500">Started</dt>
              <dd>{formatDateTime(d.startedAt, tz)}</dd>
            </>
          ) : null}
          {d.completedAt ? (
            <>
              <dt className="text-slate-500">Completed</dt>
              <dd>
                {formatDateTime(d.completedAt, tz)}
                {d.startedAt ? (
                  <span className="text-slate-500">
                    {" "}
                    · {((d.completedAt.getTime() - d.startedAt.getTime()) / 3600_000).toFixed(1)} h
                    on site
                  </span>
                ) : null}
              </dd>
            </>
          ) : null}
        </dl>
        {d.description ? (
          <p className="whitespace-pre-wrap rounded-md bg-slate-50 px-3 py-2">{d.description}</p>
        ) : null}

        {d.possibleReworkOfOrder && d.reworkConfirmed === null ? (
          <ReworkQuestion id={d.id} earlier={d.possibleReworkOfOrder} />
        ) : null}

        <VendorSection id={d.id} status={d.status} vendor={d.vendor} link={d.link} />

        <NextSteps id={d.id} status={d.status} next={d.next} />

        {open ? <EditDetails order={d} /> : null}

        <Attachments id={d.id} attachments={d.attachments} />

        <NoteForm id={d.id} />

        <section aria-label="Timeline">
          <h3 className="mb-2 font-semibold">Timeline</h3>
          <ol className="space-y-2 border-l border-slate-200 pl-4">
            {[...d.events].reverse().map((e) => (
              <li key={e.id} className="relative">
                <span className="absolute top-1.5 -left-[1.3rem] size-2 rounded-full bg-slate-400" />
                <div className="text-slate-800">
                  {e.toStatus && e.kind !== "assign" ? (
                    <>
                      {e.fromStatus ? `${WORK_ORDER_STATUS_LABELS[e.fromStatus]} → ` : ""}
                      <strong>{WORK_ORDER_STATUS_LABELS[e.toStatus]}</strong>
                    </>
                  ) : e.kind === "note" ? (
                    <strong>Note</strong>
                  ) : e.kind === "attachment" ? (
                    <strong>Attachment</strong>
                  ) : null}
                  {e.note ? (
                    <span className="whitespace-pre-wrap">
                      {e.toStatus || e.kind === "note" || e.kind === "attachment" ? " — " : ""}
                      {e.note}
                    </span>
                  ) : null}
                </div>
                <div className="text-xs text-slate-500">
                  {e.actorLabel}
                  {e.tokenId ? " (vendor link)" : ""} · <RelativeTime date={e.at} />
                </div>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </Card>
  );
}

function useRefresh() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: trpc.workOrder.pathKey() });
}

function ReworkQuestion({
  id,
  earlier,
}: {
  id: string;
  earlier: { id: string; number: number; title: string };
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const confirm = useMutation(trpc.workOrder.confirmRework.mutationOptions({ onSuccess: refresh }));
  return (
    <div
      role="group"
      aria-label="Possible rework"
      className="rounded-md bg-amber-50 p-3 ring-1 ring-amber-300"
    >
      <p className="text-amber-900">
        Possibly a rework: #{earlier.number} {earlier.title} at this site and category was verified
        less than 14 days ago. Is this the same fault coming back?
      </p>
      <div className="mt-2 flex gap-2">
        <Button
          variant="secondary"
          disabled={confirm.isPending}
          onClick={() => confirm.mutate({ id, confirmed: true })}
        >
          Yes, count it as rework
        </Button>
        <Button
          variant="ghost"
          disabled={confirm.isPending}
          onClick={() => confirm.mutate({ id, confirmed: false })}
        >
          No, a new fault
        </Button>
      </div>
      {confirm.error ? <p className="mt-1 text-red-700">{errorMessage(confirm.error)}</p> : null}
    </div>
  );
}

type VendorInfo = {
  id: string;
  name: string;
  email: string;
  phone: string;
  expired: { kind: string; name: string; expiresOn: string }[];
} | null;
type LinkInfo = { id: string; expiresAt: Date; lastUsedAt: Date | null; createdAt: Date } | null;

function VendorSection({
  id,
  status,
  vendor,
  link,
}: {
  id: string;
  status: WorkOrderStatus;
  vendor: VendorInfo;
  link: LinkInfo;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const vendors = useQuery(trpc.vendor.list.queryOptions());
  const [choice, setChoice] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const assign = useMutation(
    trpc.workOrder.assign.mutationOptions({
      onSuccess: async (r) => {
        setWarnings(r.warnings);
        setChoice("");
        setSent(null);
        await refresh();
      },
    }),
  );
  const send = useMutation(
    trpc.workOrder.sendLink.mutationOptions({
      onSuccess: async (r) => {
        setSent(r.url);
        await refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.workOrder.revokeLink.mutationOptions({
      onSuccess: async () => {
        setSent(null);
        await refresh();
      },
    }),
  );
  const mayAssign = status === "new" || canReassign(status);
  const readOnly = ["completed", "verified", "cancelled"].includes(status);
  const candidate = vendors.data?.find((v) => v.id === choice);
  const err = assign.error ?? send.error ?? revoke.error;
  return (
    <section aria-label="Vendor" className="space-y-2 rounded-md border border-slate-200 p-3">
      <h3 className="font-semibold">Vendor</h3>
      {vendor ? (
        <div>
          <div className="font-medium">{vendor.name}</div>
          <div className="text-xs text-slate-600">
            <a className="hover:underline" href={`mailto:${vendor.email}`}>
              {vendor.email}
            </a>
            {vendor.phone ? (
              <>
                {" · "}
                <a className="hover:underline" href={`tel:${vendor.phone}`}>
                  {vendor.phone}
                </a>
              </>
            ) : null}
          </div>
          {vendor.expired.length ? (
            <p role="alert" className="mt-1 text-red-700">
              Do not dispatch:{" "}
              {vendor.expired.map((e) => `${e.name} (${e.kind}) expired ${e.expiresOn}`).join("; ")}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="text-slate-500">No vendor yet.</p>
      )}
      {warnings.map((w) => (
        <p key={w} role="alert" className="text-red-700">
          {w}
        </p>
      ))}
      {mayAssign ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) assign.mutate({ id, vendorId: choice });
          }}
        >
          <label className="min-w-48 flex-1">
            <span className="sr-only">{vendor ? "Reassign to" : "Assign to"}</span>
            <Select
              aria-label={vendor ? "Reassign to" : "Assign to"}
              value={choice}
              onChange={(e) => setChoice(e.target.value)}
            >
              <option value="">{vendor ? "Reassign to…" : "Assign to…"}</option>
              {vendors.data
                ?.filter((v) => v.active && v.id !== vendor?.id)
                .map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                    {v.doNotDispatch ? " — do not dispatch" : ""}
                  </option>
                ))}
            </Select>
          </label>
          <Button type="submit" variant="secondary" disabled={!choice || assign.isPending}>
            {vendor ? "Reassign" : "Assign"}
          </Button>
          {candidate?.doNotDispatch ? (
            <p className="w-full text-xs text-red-700">
              {candidate.name} has an expired document; you can still assign, but should not
              dispatch.
            </p>
          ) : null}
        </form>
      ) : null}
      {vendor && !readOnly ? (
        <div className="space-y-1 border-t border-slate-100 pt-2">
          <div className="text-xs text-slate-600">
            {link ? (
              <>
                Vendor link active until {formatDateTime(link.expiresAt)} ·{" "}
                {link.lastUsedAt ? (
                  <RelativeTime date={link.lastUsedAt} prefix="opened " />
                ) : (
                  "not opened yet"
                )}
              </>
            ) : (
              "No active vendor link."
            )}
          </div>
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              disabled={send.isPending}
              onClick={() => send.mutate({ id })}
            >
              {link ? "Send a new link" : "Send link to vendor"}
            </Button>
            {link ? (
              <Button
                variant="danger"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate({ id })}
              >
                Revoke link
              </Button>
            ) : null}
          </div>
          {sent ? (
            <div className="rounded bg-emerald-50 p-2 text-xs text-emerald-900">
              E-mailed to {vendor.email}. The link (shown once, any earlier one stops working):
              <div className="mt-1 flex items-center gap-2">
                <code
                  className="min-w-0 flex-1 truncate rounded bg-white px-1 py-0.5"
                  data-testid="vendor-link"
                >
                  {sent}
                </code>
                <Button
                  variant="ghost"
                  className="!px-2 !py-0.5 text-xs"
                  onClick={() => void navigator.clipboard?.writeText(sent)}
                >
                  Copy
                </Button>
              </div>
            </div>
          ) : null}
        </div>
      ) : null}
      {err ? (
        <p role="alert" className="text-red-700">
          {errorMessage(err)}
        </p>
      ) : null}
    </section>
  );
}

function NextSteps({
  id,
  status,
  next,
}: {
  id: string;
  status: WorkOrderStatus;
  next: WorkOrderStatus[];
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [pending, setPending] = useState<WorkOrderStatus | null>(null);
  const [note, setNote] = useState("");
  const [rating, setRating] = useState(0);
  const move = useMutation(
    trpc.workOrder.move.mutationOptions({
      onSuccess: async () => {
        setPending(null);
        setNote("");
        setRating(0);
        await refresh();
      },
    }),
  );
  // assigning and reassigning pick a vendor in the vendor section
  const steps = next
    .map((to) => ({ to, t: findTransition(status, to) }))
    .filter((s) => s.t && s.t.action !== "assign" && s.t.action !== "reassign");
  if (!steps.length) return null;
  const errs = fieldErrors(move.error);
  const action = pending ? findTransition(status, pending)?.action : null;
  return (
    <section aria-label="Next steps" className="space-y-2">
      <h3 className="font-semibold">Next steps</h3>
      <div className="flex flex-wrap gap-2">
        {steps.map(({ to, t }) => (
          <Button
            key={to}
            variant={t?.action === "cancel" ? "danger" : pending === to ? "primary" : "secondary"}
            aria-pressed={pending === to}
            onClick={() => {
              move.reset();
              setPending(pending === to ? null : to);
            }}
          >
            {t ? ACTION_LABELS[t.action] : to}
          </Button>
        ))}
      </div>
      {pending && action ? (
        <form
          className="space-y-2 rounded-md bg-slate-50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            move.mutate({
              id,
              to: pending,
              ...(note.trim() ? { note: note.trim() } : {}),
              // no rating yet: the server says what is missing, next to the stars
              ...(pending === "verified" && rating ? { rating } : {}),
            });
          }}
        >
          {pending === "verified" ? (
            <fieldset>
              <legend className="text-sm font-medium text-slate-700">Quality of the work</legend>
              <div className="mt-1 flex gap-1" role="radiogroup" aria-label="Rating">
                {[1, 2, 3, 4, 5].map((n) => (
                  <button
                    key={n}
                    type="button"
                    role="radio"
                    aria-checked={rating === n}
                    aria-label={`${n} of 5`}
                    onClick={() => setRating(n)}
                    className={`text-2xl leading-none ${n <= rating ? "text-amber-500" : "text-slate-300"} hover:text-amber-400`}
                  >
                    ★
                  </button>
                ))}
              </div>
              {errs.rating ? (
                <p role="alert" className="text-xs text-red-700">
                  {errs.rating}
                </p>
              ) : null}
            </fieldset>
          ) : null}
          <Field label={action === "cancel" ? "Reason" : "Note (optional)"} error={errs.note}>
            <textarea
              rows={2}
              className={textarea}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </Field>
          {move.error && !errs.rating && !errs.note ? (
            <p role="alert" className="text-red-700">
              {errorMessage(move.error)}
            </p>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={move.isPending}>
              {ACTION_LABELS[action]}
            </Button>
            <Button variant="ghost" onClick={() => setPending(null)}>
              Never mind
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

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

function EditDetails({ order }: { order: Editable }) {
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
          <textarea
            rows={3}
            className={textarea}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
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

type Attachment = {
  id: string;
  name: string;
  mime: string;
  size: number;
  uploadedBy: string;
  createdAt: Date;
};

function Attachments({ id, attachments }: { id: string; attachments: Attachment[] }) {
  const refresh = useRefresh();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File) => {
    setError(null);
    if (file.size > MAX_UPLOAD_BYTES) {
      setError(`${file.name} is larger than 10 MB`);
      return;
    }
    setBusy(true);
    try {
      const body = new FormData();
      body.set("file", file);
      const res = await fetch(`/api/work-orders/${id}/attachments`, { method: "POST", body });
      if (!res.ok) {
        const j = (await res.json().catch(() => null)) as { error?: string } | null;
        setError(j?.error ?? `The upload failed (${res.status})`);
      } else await refresh();
    } catch {
      setError("The upload did not reach the server; check the connection and try again");
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  };
  return (
    <section aria-label="Attachments" className="space-y-2">
      <div className="flex items-center justify-between">
        <h3 className="font-semibold">Attachments</h3>
        <label className="cursor-pointer text-sm font-medium text-sky-800 hover:underline">
          {busy ? "Uploading…" : "Add photo or PDF"}
          <input
            ref={input}
            type="file"
            accept="image/*,application/pdf"
            className="sr-only"
            disabled={busy}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void upload(f);
            }}
          />
        </label>
      </div>
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
      {attachments.length ? (
        <ul className="grid grid-cols-3 gap-2">
          {attachments.map((a) => {
            const href = `/api/work-orders/${id}/attachments/${a.id}`;
            return (
              <li key={a.id} className="min-w-0">
                <a href={href} target="_blank" rel="noreferrer" className="block hover:opacity-90">
                  {a.mime.startsWith("image/") ? (
                    // eslint-disable-next-line @next/next/no-img-element -- private, per-request file
                    <img
                      src={href}
                      alt={a.name}
                      loading="lazy"
                      className="aspect-square w-full rounded border border-slate-200 object-cover"
                    />
                  ) : (
                    <div className="flex aspect-square w-full items-center justify-center rounded border border-slate-200 bg-slate-50 text-xs font-semibold text-slate-500">
                      PDF
                    </div>
                  )}
                  <div className="truncate text-xs text-slate-700" title={a.name}>
                    {a.name}
                  </div>
                </a>
                <div className="truncate text-xs text-slate-500">
                  {a.uploadedBy} · {(a.size / 1024).toFixed(0)} KB
                </div>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-slate-500">No photos or documents yet.</p>
      )}
    </section>
  );
}

function NoteForm({ id }: { id: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [note, setNote] = useState("");
  const add = useMutation(
    trpc.workOrder.note.mutationOptions({
      onSuccess: async () => {
        setNote("");
        await refresh();
      },
    }),
  );
  const errs = fieldErrors(add.error);
  return (
    <form
      aria-label="Add a note"
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ id, note });
      }}
    >
      <Field
        label="Add a note"
        error={errs.note ?? (add.error && !errs.note ? errorMessage(add.error) : undefined)}
      >
        <textarea
          rows={2}
          className={textarea}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="Visible to the vendor on their link"
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={add.isPending || !note.trim()}>
        Add note
      </Button>
    </form>
  );
}
