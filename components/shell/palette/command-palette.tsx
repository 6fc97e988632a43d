"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import type { Role } from "@/lib/roles";
import { Kbd, Overlay } from "../overlay";
import { type Mode, type PaletteItem, usePalette } from "./use-palette";

export type { PalettePage } from "./use-palette";

const PLACEHOLDER: Record<Mode["kind"], string> = {
  search: "Jump to a page, an open alert or a site…",
  alert: "Choose an action…",
  site: "Choose a page…",
  confirm: "Confirm the escalation…",
};

/**
 * Cmd/Ctrl-K: a combobox over a list of pages (those the role may open), open alerts and sites
 * (searched on the server as the user types), and what can be done with the alert or site
 * chosen. Arrows move, Enter chooses, Escape steps back and then closes.
 */
export function CommandPalette({
  role,
  pages,
  onClose,
  onShowShortcuts,
}: {
  role: Role;
  pages: { href: string; label: string }[];
  onClose: () => void;
  onShowShortcuts: () => void;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const go = (href: string) => {
    onClose();
    // the same page with other search params keeps its client state: load it afresh
    if (href.split("?")[0] === pathname) window.location.assign(href);
    else router.push(href);
  };
  const p = usePalette({ role, pages, go, onShowShortcuts });
  // the highlighted option, back to the first whenever the step or the text changes
  const listKey = `${p.mode.kind}:${p.query}`;
  const [highlight, setHighlight] = useState({ key: listKey, index: 0 });
  const active = highlight.key === listKey ? highlight.index : 0;
  const setActive = (index: number) => setHighlight({ key: listKey, index });
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;
  const count = p.items.length;
  const current = Math.min(active, Math.max(0, count - 1));

  useEffect(() => input.current?.focus(), [p.mode]);
  useEffect(() => {
    document.getElementById(optionId(current))?.scrollIntoView({ block: "nearest" });
  });

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (count) setActive((current + (e.key === "ArrowDown" ? 1 : count - 1)) % count);
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (!p.busy) p.items[current]?.run();
    } else if (e.key === "Home" || e.key === "End") {
      e.preventDefault();
      setActive(e.key === "Home" ? 0 : Math.max(0, count - 1));
    }
  };

  const heading =
    p.mode.kind === "alert" || p.mode.kind === "confirm"
      ? `${p.mode.alert.title} · ${p.mode.alert.siteName}`
      : p.mode.kind === "site"
        ? `${p.mode.site.name} · ${p.mode.site.clientName}`
        : null;
  const groups = groupOf(p.items);

  return (
    <Overlay
      label="Command palette"
      onClose={onClose}
      onEscape={() => p.back() || onClose()}
      className="flex max-h-[76vh] w-full max-w-xl flex-col overflow-hidden rounded-lg bg-white shadow-2xl ring-1 ring-slate-900/10"
    >
      {heading ? (
        <div className="flex items-center gap-2 border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm">
          <button
            type="button"
            onClick={() => p.back()}
            className="rounded px-1.5 text-slate-600 ring-1 ring-slate-300 hover:bg-white"
            aria-label="Back to the results"
          >
            ←
          </button>
          <span className="truncate font-medium text-slate-800">{heading}</span>
        </div>
      ) : null}
      <input
        ref={input}
        role="combobox"
        aria-expanded={count > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={count ? optionId(current) : undefined}
        aria-label={PLACEHOLDER[p.mode.kind]}
        placeholder={PLACEHOLDER[p.mode.kind]}
        value={p.query}
        onChange={(e) => p.setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
        className="w-full border-b border-slate-200 px-4 py-3 text-base outline-none placeholder:text-slate-400"
      />
      <div
        id={listId}
        role="listbox"
        aria-label="Results"
        className="min-h-0 flex-1 overflow-y-auto py-1"
      >
        {groups.map(({ group, entries }) => (
          <div key={group} role="group" aria-label={group}>
            <div
              role="presentation"
              className="px-4 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase"
            >
              {group}
            </div>
            {entries.map(({ item, index }) => (
              <div
                key={item.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === current}
                onMouseMove={() => setActive(index)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => !p.busy && item.run()}
                className={`mx-1 flex cursor-pointer items-baseline justify-between gap-3 rounded-md px-3 py-2 text-sm ${index === current ? "bg-sky-100 text-sky-950" : "text-slate-800"} ${item.tone === "danger" ? "font-medium text-red-700" : ""}`}
              >
                <span className="min-w-0 [overflow-wrap:anywhere]">{item.label}</span>
                {item.detail ? (
                  <span className="shrink-0 text-xs text-slate-500">{item.detail}</span>
                ) : null}
              </div>
            ))}
          </div>
        ))}
      </div>
      <div className="border-t border-slate-200 px-4 py-2 text-xs text-slate-500">
        <p role="status" aria-live="polite" className="min-h-4 text-slate-700">
          {p.busy
            ? "Working…"
            : (p.message ??
              (p.searching ? "Searching…" : count ? "" : "Nothing matches. Try other words."))}
        </p>
        {p.error ? (
          <p role="alert" className="text-red-700">
            {p.error}
          </p>
        ) : null}
        <p className="mt-1 hidden gap-3 sm:flex" aria-hidden>
          <span>
            <Kbd>↑</Kbd> <Kbd>↓</Kbd> move
          </span>
          <span>
            <Kbd>Enter</Kbd> choose
          </span>
          <span>
            <Kbd>Esc</Kbd> {p.mode.kind === "search" ? "close" : "back"}
          </span>
        </p>
      </div>
    </Overlay>
  );
}

/** The items in their groups, in order of first appearance, each with its index in the list. */
function groupOf(items: PaletteItem[]) {
  const groups: { group: string; entries: { item: PaletteItem; index: number }[] }[] = [];
  items.forEach((item, index) => {
    const last = groups[groups.length - 1];
    if (last?.group === item.group) last.entries.push({ item, index });
    else groups.push({ group: item.group, entries: [{ item, index }] });
  });
  return groups;
}
