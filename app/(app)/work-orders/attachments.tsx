"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { MAX_UPLOAD_BYTES } from "@/lib/work-orders";
import { useRefresh } from "./use-refresh";

type Attachment = {
  id: string;
  name: string;
  mime: string;
  size: number;
  uploadedBy: string;
  createdAt: Date;
};

export function Attachments({ id, attachments }: { id: string; attachments: Attachment[] }) {
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

export function NoteForm({ id }: { id: string }) {
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
        <Textarea
          rows={2}
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
