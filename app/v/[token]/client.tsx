"use client";

import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore, useTransition } from "react";
import { formatDateTime } from "@/lib/format";
import { MAX_UPLOAD_BYTES, findTransition, type WorkOrderStatus } from "@/lib/work-orders";

/**
 * The vendor's controls. Plain fetch/XHR against /api/v/<token> (no tRPC client): after a
 * change the server component re-renders through router.refresh().
 */

const fmt = (iso: string, timeZone?: string) =>
  formatDateTime(new Date(iso), { timeZone, weekday: true, zone: true });
const never = () => () => {};

/**
 * A time in the site's zone (where the technician works), the same on the server and the
 * phone; without one, the phone's own zone (the server's render before hydration says UTC).
 */
export function LocalTime({ iso, timeZone }: { iso: string; timeZone?: string | undefined }) {
  const text = useSyncExternalStore(
    never,
    () => fmt(iso, timeZone),
    () => fmt(iso, timeZone ?? "UTC"),
  );
  return <time dateTime={iso}>{text}</time>;
}

type Outcome = { ok: true } | { ok: false; message: string; status: number };

function explain(status: number, body: unknown): string {
  const error =
    body && typeof body === "object" && "error" in body && typeof body.error === "string"
      ? body.error.replace(/^[a-z]+: /, "").replace(/\.$/, "")
      : "";
  if (status === 404)
    return "This link is no longer valid. Ask the person who sent it for a new one.";
  if (status === 409) return `${error || "The work order was changed"}. ${STALE}`;
  if (status === 429) return error || "Too many updates from this link; wait a few minutes.";
  if (status >= 500 || !error) return "Something went wrong on our side. Try again in a moment.";
  return `${error}.`;
}

const STALE = "The page now shows where it stands.";
const OFFLINE = "Could not reach the server. Check your connection and try again.";

async function post(url: string, body: unknown): Promise<Outcome> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      cache: "no-store",
    });
    if (res.ok) return { ok: true };
    const json: unknown = await res.json().catch(() => null);
    return { ok: false, status: res.status, message: explain(res.status, json) };
  } catch {
    return { ok: false, status: 0, message: OFFLINE };
  }
}

/** Runs a call, then re-renders the page; `busy` lasts until the fresh page is shown. */
function useAction() {
  const router = useRouter();
  const [calling, setCalling] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const [error, setError] = useState<string | null>(null);
  async function run(call: () => Promise<Outcome>): Promise<Outcome> {
    setCalling(true);
    setError(null);
    const out = await call();
    setCalling(false);
    if (!out.ok) setError(out.message);
    // a conflict means the order moved on: show where it is now (typed text stays in state)
    if (out.ok || out.status === 409) startRefresh(() => router.refresh());
    return out;
  }
  return { run, busy: calling || refreshing, error, setError };
}

const big =
  "inline-flex min-h-12 w-full items-center justify-center rounded-md px-4 text-base font-medium transition-colors disabled:cursor-not-allowed";
const primary = `${big} bg-sky-700 text-white hover:bg-sky-800 disabled:bg-sky-700/50`;
const secondary = `${big} bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-100 disabled:opacity-50`;
const textarea =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-xs placeholder:text-slate-400 focus:border-sky-600 focus:outline-none focus:ring-2 focus:ring-sky-600/20";

function Problem({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  ) : null;
}

const LABELS = {
  accept: "Accept job",
  start: "Start work",
  resume: "Resume work",
  hold: "Put on hold",
  complete: "Complete job",
} as const;
type VendorAction = keyof typeof LABELS;

/** The lifecycle steps open to the vendor now; hold asks for a reason, complete for a note. */
export function PortalActions({
  base,
  status,
  next,
}: {
  base: string;
  status: WorkOrderStatus;
  next: WorkOrderStatus[];
}) {
  const { run, busy, error, setError } = useAction();
  const [open, setOpen] = useState<"hold" | "complete" | null>(null);
  const [notes, setNotes] = useState({ hold: "", complete: "" });
  const actions = next.flatMap((to) => {
    const action = findTransition(status, to)?.action;
    return action && action in LABELS ? [{ to, action: action as VendorAction }] : [];
  });
  const form = actions.find((a) => a.action === open);

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

  if (!actions.length) return <p className="text-sm text-slate-600">Nothing to do right now.</p>;
  return (
    <div className="space-y-3">
      {form ? (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void move(form.to, form.action as "hold" | "complete");
          }}
        >
          <label className="block space-y-1">
            <span className="text-sm font-medium text-slate-700">
              {form.action === "complete" ? "What was done" : "Why is it on hold (optional)"}
            </span>
            <textarea
              className={textarea}
              rows={4}
              maxLength={2000}
              value={notes[form.action as "hold" | "complete"]}
              onChange={(e) => setNotes((n) => ({ ...n, [form.action]: e.target.value }))}
              placeholder={
                form.action === "complete"
                  ? "Work done, parts used, anything the site should know"
                  : "Waiting for parts, no access…"
              }
            />
          </label>
          <Problem message={error} />
          <div className="grid grid-cols-2 gap-2">
            <button
              type="button"
              className={secondary}
              onClick={() => {
                setOpen(null);
                setError(null);
              }}
            >
              Back
            </button>
            <button type="submit" className={primary} disabled={busy}>
              {busy
                ? "Saving…"
                : form.action === "complete"
                  ? "Confirm completion"
                  : "Confirm hold"}
            </button>
          </div>
        </form>
      ) : (
        <>
          <div className="grid gap-2">
            {actions.map((a) => (
              <button
                key={a.to}
                type="button"
                disabled={busy}
                className={a.action === "hold" ? secondary : primary}
                onClick={() => {
                  setError(null);
                  if (a.action === "hold" || a.action === "complete") setOpen(a.action);
                  else void move(a.to);
                }}
              >
                {LABELS[a.action]}
              </button>
            ))}
          </div>
          <Problem message={error} />
        </>
      )}
    </div>
  );
}

/** A note on the timeline; the text stays in the box until it is saved. */
export function NoteForm({ base }: { base: string }) {
  const { run, busy, error, setError } = useAction();
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(false);
        if (!note.trim()) return setError("Write a note first.");
        if ((await run(() => post(`${base}/notes`, { note: note.trim() }))).ok) {
          setNote("");
          setSaved(true);
        }
      }}
    >
      <label className="block space-y-1">
        <span className="text-sm font-medium text-slate-700">Note</span>
        <textarea
          className={textarea}
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="Arrival time, questions, findings…"
        />
      </label>
      <Problem message={error} />
      {saved ? (
        <p role="status" className="text-sm text-emerald-700">
          Note added.
        </p>
      ) : null}
      <button type="submit" className={secondary} disabled={busy}>
        {busy ? "Saving…" : "Add note"}
      </button>
    </form>
  );
}

function upload(url: string, file: File, onProgress: (pct: number) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve({ ok: true });
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {}
      resolve({ ok: false, status: xhr.status, message: explain(xhr.status, body) });
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, message: OFFLINE });
    const form = new FormData();
    form.set("file", file);
    xhr.send(form);
  });
}

/** Photos (the phone offers its camera) and PDFs, one after another, with progress. */
export function UploadForm({ base }: { base: string }) {
  const { run, busy, error, setError } = useAction();
  const [progress, setProgress] = useState<{ name: string; pct: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function send(files: File[]) {
    setDone(null);
    for (const file of files) {
      if (file.size > MAX_UPLOAD_BYTES) {
        setError(`${file.name} is larger than 10 MB. Send a smaller photo or PDF.`);
        return;
      }
      setProgress({ name: file.name, pct: 0 });
      const out = await run(() =>
        upload(`${base}/attachments`, file, (pct) => setProgress({ name: file.name, pct })),
      );
      setProgress(null);
      if (!out.ok) return;
      setDone(file.name);
    }
  }

  return (
    <div className="space-y-3">
      <label
        className={`${primary} cursor-pointer has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-sky-600 ${busy ? "pointer-events-none opacity-60" : ""}`}
      >
        Add photo or PDF
        <input
          type="file"
          className="sr-only"
          accept="image/*,application/pdf"
          multiple
          disabled={busy}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = "";
            if (files.length) void send(files);
          }}
        />
      </label>
      <p className="text-xs text-slate-500">Images or PDF, up to 10 MB each.</p>
      {progress ? (
        <div role="status" className="space-y-1">
          <p className="truncate text-sm text-slate-700">
            Uploading {progress.name}… {progress.pct}%
          </p>
          <progress className="h-2 w-full" max={100} value={progress.pct} aria-label="Upload" />
        </div>
      ) : null}
      <Problem message={error} />
      {done && !progress && !error ? (
        <p role="status" className="text-sm text-emerald-700">
          Uploaded {done}.
        </p>
      ) : null}
    </div>
  );
}
