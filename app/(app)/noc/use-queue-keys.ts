"use client";

import { type RefObject, useEffect } from "react";

/**
 * The queue's keyboard: `j`/`k` move the selection (and keep it in view), `a` acknowledges,
 * `e` escalates, `r` opens the resolve dialog, `/` goes to the search box. Keys typed into a
 * field or a dialog, or with a modifier, are left alone.
 */
export function useQueueKeys({
  rows,
  selected,
  select,
  search,
  acknowledge,
  escalate,
  resolve,
}: {
  rows: { id: string }[];
  selected: string | null;
  select: (id: string) => void;
  search: RefObject<HTMLInputElement | null>;
  acknowledge: (id: string) => void;
  /** absent: the user may not escalate */
  escalate?: (id: string) => void;
  resolve: (id: string) => void;
}) {
  useEffect(() => {
    const move = (delta: number) => {
      if (!rows.length) return;
      const i = rows.findIndex((r) => r.id === selected);
      const next = rows[Math.max(0, Math.min(rows.length - 1, i < 0 ? 0 : i + delta))];
      if (next) {
        select(next.id);
        document.getElementById(`alert-row-${next.id}`)?.scrollIntoView({ block: "nearest" });
      }
    };
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (
        target.closest("input, textarea, select, [role=dialog]") ||
        e.metaKey ||
        e.ctrlKey ||
        e.altKey
      )
        return;
      if (e.key === "j") move(1);
      else if (e.key === "k") move(-1);
      else if (e.key === "/") {
        e.preventDefault();
        search.current?.focus();
      } else if (e.key === "a" && selected) acknowledge(selected);
      else if (e.key === "e" && selected && escalate) escalate(selected);
      else if (e.key === "r" && selected) resolve(selected);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, selected, select, search, acknowledge, escalate, resolve]);
}
