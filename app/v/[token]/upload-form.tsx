"use client";

import { useState } from "react";
import { MAX_UPLOAD_BYTES } from "@/lib/work-orders";
import { upload, useAction } from "./portal-fetch";
import { primary, Problem } from "./ui";

/**
 * Photos (the phone offers its camera) and PDFs, one after another, with progress. A failed
 * upload's message stays until the vendor's next action, here or anywhere on the page.
 */
export function UploadForm({ base }: { base: string }) {
  const { run, busy, error, setError } = useAction();
  const [progress, setProgress] = useState<{ name: string; pct: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function send(files: File[]) {
    setDone(null);
    setError(null);
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
