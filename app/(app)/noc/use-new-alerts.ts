"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { arrivals } from "@/lib/noc-queue-nav";

/** How long an arrived row stays highlighted. */
export const HIGHLIGHT_MS = 8_000;

type Row = { id: string; firstSeenAt: Date | string };

/**
 * Alerts that arrive in the queue while it is open (live, or on a refetch): `fresh` ones are
 * highlighted for HIGHLIGHT_MS; `unseen` ones are those the operator has not had in view yet
 * (the "N new above/below" pills count them until `seen` is called). A new `view` (other
 * filters) starts over: what it shows first is the queue, not news.
 */
export function useNewAlerts(rows: readonly Row[] | undefined, view: string) {
  const known = useRef<{ view: string; ids: Set<string>; since: number } | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [unseen, setUnseen] = useState<readonly string[]>([]);
  /** every arrival since this view opened (the ring waits for their scores) */
  const [arrived, setArrived] = useState<ReadonlySet<string>>(new Set());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(() => {
    if (!rows) return;
    const k = known.current;
    if (!k || k.view !== view) {
      known.current = { view, ids: new Set(rows.map((r) => r.id)), since: Date.now() };
      if (k) setTimeout(() => setArrived(new Set()), 0);
      return;
    }
    const got = arrivals(rows, k.ids, k.since);
    for (const r of rows) k.ids.add(r.id);
    if (!got.length) return;
    const add = () => {
      setFresh((f) => new Set([...f, ...got]));
      setArrived((a) => new Set([...a, ...got]));
      setUnseen((u) => [...u, ...got.filter((id) => !u.includes(id))]);
    };
    // after this render: the rows are in the page by then, for the pills to measure
    const start = setTimeout(() => {
      add();
      timers.current.delete(start);
    }, 0);
    timers.current.add(start);
    const end = setTimeout(() => {
      setFresh((f) => new Set([...f].filter((id) => !got.includes(id))));
      timers.current.delete(end);
    }, HIGHLIGHT_MS);
    timers.current.add(end);
  }, [rows, view]);

  useEffect(() => {
    const all = timers.current;
    return () => all.forEach(clearTimeout);
  }, []);

  const seen = useCallback(
    (ids: readonly string[]) =>
      ids.length &&
      setUnseen((u) =>
        u.some((id) => ids.includes(id)) ? u.filter((id) => !ids.includes(id)) : u,
      ),
    [],
  );
  return { fresh, unseen, seen, arrived };
}
