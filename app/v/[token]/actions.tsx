"use client";

import { useState } from "react";
import { findTransition, type WorkOrderStatus } from "@/lib/work-orders";
import { post, STALE, useAction } from "./portal-fetch";
import { danger, primary, Problem, secondary, textarea } from "./ui";

const LABELS = {
  accept: "Accept job",
  start: "Start work",
  resume: "Resume work",
  hold: "Put on hold",
  complete: "Complete job",
} as const;
type VendorAction = keyof typeof LABELS;
type Form = "hold" | "complete" | "decline";

const FORM_TEXT: Record<Form, { label: string; placeholder: string; confirm: string }> = {
  complete: {
    label: "What was done",
    placeholder: "Work done, parts used, anything the site should know",
    confirm: "Confirm completion",
  },
  hold: {
    label: "Why is it on hold (optional)",
    placeholder: "Waiting for parts, no access…",
    confirm: "Confirm hold",
  },
  decline: {
    label: "Why can you not take it",
    placeholder: "No technician free before the due time, not our trade…",
    confirm: "Decline job",
  },
};

/**
 * The lifecycle steps open to the vendor now, "on my way" once accepted, and "decline" until
 * work starts; hold asks for a reason, complete for a note, decline for why.
 */
export function PortalActions({
  base,
  status,
  next,
  mayDecline,
  mayHeadOut,
}: {
  base: string;
  status: WorkOrderStatus;
  next: WorkOrderStatus[];
  mayDecline: boolean;
  mayHeadOut: boolean;
}) {
  const { run, busy, error, setError } = useAction();
  const [open, setOpen] = useState<Form | null>(null);
  const [notes, setNotes] = useState<Record<Form, string>>({ hold: "", complete: "", decline: "" });
  const [onWay, setOnWay] = useState(false);
  const [declined, setDeclined] = useState(false);
  const actions = next.flatMap((to) => {
    const action = findTransition(status, to)?.action;
    return action && action in LABELS ? [{ to, action: action as VendorAction }] : [];
  });

  async function move(to: WorkOrderStatus, kind?: "hold" | "complete") {
    const note = kind ? notes[kind].trim() : "";
    if (kind === "complete" && !note) {
      setError("Write what you did before completing the job.");
      return;
    }
    const out = await run(async () => {
      const out = await post(`${base}/move`, { to, ...(note ? { note } : {}) });
      return !out.ok && out.status === 409
        ? {
            ...out,
            message: `This step is no longer possible: the work order was changed meanwhile. ${STALE}`,
          }
        : out;
    });
    if (out.ok && kind) setNotes((n) => ({ ...n, [kind]: "" }));
    // done, or overtaken: back to the steps now open (a typed note stays for later)
    if (out.ok || out.status === 409) setOpen(null);
  }

  async function decline() {
    const reason = notes.decline.trim();
    if (reason.length < 3) {
      setError("Say why you cannot take the job.");
      return;
    }
    // the link ends with the refusal: the page is not reloaded (it would say "no longer valid")
    const out = await run(() => post(`${base}/decline`, { reason }), { refresh: false });
    if (out.ok) setDeclined(true);
    else if (out.status === 409) setOpen(null);
  }

  async function headOut() {
    setOnWay(false);
    if ((await run(() => post(`${base}/on-my-way`, {}))).ok) setOnWay(true);
  }

  if (declined)
    return (
      <div
        role="status"
        className="fixed inset-0 z-50 flex items-center justify-center bg-slate-50 p-6 text-center"
      >
        <div className="max-w-sm space-y-2">
          <h2 className="text-lg font-semibold text-slate-900">You declined this job</h2>
          <p className="text-base text-slate-600">
            The dispatcher has been told why and will find someone else. This link no longer works.
          </p>
        </div>
      </div>
    );

  if (open) {
    const t = FORM_TEXT[open];
    const action = actions.find((a) => a.action === open);
    return (
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (open === "decline") void decline();
          else if (action) void move(action.to, open);
        }}
      >
        <label className="block space-y-1">
          <span className="text-sm font-medium text-slate-700">{t.label}</span>
          <textarea
            className={textarea}
            rows={4}
            maxLength={open === "decline" ? 1000 : 2000}
            value={notes[open]}
            onChange={(e) => setNotes((n) => ({ ...n, [open]: e.target.value }))}
            placeholder={t.placeholder}
          />
        </label>
        <Problem message={error} />
        <div className="grid grid-cols-[auto_minmax(0,1fr)] gap-2">
          <button
            type="button"
            className={`${secondary} px-5`}
            onClick={() => {
              setOpen(null);
              setError(null);
            }}
          >
            Back
          </button>
          <button
            type="submit"
            className={`${open === "decline" ? danger : primary} whitespace-nowrap`}
            disabled={busy}
          >
            {busy ? "Saving…" : t.confirm}
          </button>
        </div>
      </form>
    );
  }

  if (!actions.length && !mayDecline && !mayHeadOut)
    return <p className="text-sm text-slate-600">Nothing to do right now.</p>;
  return (
    <div className="space-y-3">
      <div className="grid gap-2">
        {actions.map((a) => (
          <button
            key={a.to}
            type="button"
            disabled={busy}
            className={`${a.action === "hold" ? secondary : primary} whitespace-nowrap`}
            onClick={() => {
              setError(null);
              if (a.action === "hold" || a.action === "complete") setOpen(a.action);
              else void move(a.to);
            }}
          >
            {LABELS[a.action]}
          </button>
        ))}
        {mayHeadOut ? (
          <button type="button" disabled={busy} className={secondary} onClick={headOut}>
            On my way
          </button>
        ) : null}
        {mayDecline ? (
          <button
            type="button"
            disabled={busy}
            className={danger}
            onClick={() => {
              setError(null);
              setOpen("decline");
            }}
          >
            Decline job
          </button>
        ) : null}
      </div>
      <Problem message={error} />
      {onWay && !error ? (
        <p role="status" className="text-sm text-emerald-700">
          The site has been told you are on your way.
        </p>
      ) : null}
    </div>
  );
}
