"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";

/**
 * The vendor page's calls: plain fetch/XHR against /api/v/<token> (no tRPC client); after a
 * change the server component re-renders through router.refresh().
 */

export type Outcome = { ok: true } | { ok: false; message: string; status: number };

export const STALE = "The page now shows where it stands.";
const OFFLINE = "Could not reach the server. Check your connection and try again.";

export function explain(status: number, body: unknown): string {
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

export async function post(url: string, body: unknown): Promise<Outcome> {
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

export function upload(
  url: string,
  file: File,
  onProgress: (pct: number) => void,
): Promise<Outcome> {
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

/**
 * Every form's last error is of its last attempt only: when the vendor does anything else on
 * the page (another action, a note, a new file), the old message goes.
 */
const ACTION_EVENT = "portal:action";
let lastSource = 0;

/** Runs a call, then re-renders the page; `busy` lasts until the fresh page is shown. */
export function useAction() {
  const router = useRouter();
  const [id] = useState(() => ++lastSource);
  const [calling, setCalling] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const [error, setErrorState] = useState<string | null>(null);
  useEffect(() => {
    const clear = (e: Event) => {
      if ((e as CustomEvent<number>).detail !== id) setErrorState(null);
    };
    window.addEventListener(ACTION_EVENT, clear);
    return () => window.removeEventListener(ACTION_EVENT, clear);
  }, [id]);
  /** Says a new action starts here: the other forms' old errors clear. */
  const began = () => window.dispatchEvent(new CustomEvent(ACTION_EVENT, { detail: id }));
  const setError = (message: string | null) => {
    if (message) began();
    setErrorState(message);
  };
  async function run(
    call: () => Promise<Outcome>,
    opts: { refresh?: boolean } = {},
  ): Promise<Outcome> {
    began();
    setCalling(true);
    setErrorState(null);
    const out = await call();
    setCalling(false);
    if (!out.ok) setErrorState(out.message);
    // a conflict means the order moved on: show where it is now (typed text stays in state)
    if ((out.ok && opts.refresh !== false) || (!out.ok && out.status === 409))
      startRefresh(() => router.refresh());
    return out;
  }
  return { run, busy: calling || refreshing, error, setError };
}
