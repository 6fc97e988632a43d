"use client";

import { useState } from "react";
import { post, useAction } from "./portal-fetch";
import { Problem, secondary, textarea } from "./ui";

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
