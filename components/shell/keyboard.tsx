"use client";

import dynamic from "next/dynamic";
import { useEffect, useState, useSyncExternalStore } from "react";
import type { Role } from "@/lib/roles";
import { isPaletteKey, isTyping, keyLabel } from "@/lib/shortcuts";
import type { PalettePage } from "./palette/command-palette";
import { Kbd } from "./overlay";

// loaded on first open: pages carry only this launcher until someone asks for either
const CommandPalette = dynamic(
  () => import("./palette/command-palette").then((m) => m.CommandPalette),
  { ssr: false },
);
const ShortcutSheet = dynamic(() => import("./shortcut-sheet").then((m) => m.ShortcutSheet), {
  ssr: false,
});

const noChange = () => () => undefined;

/**
 * The shell's keyboard: Cmd/Ctrl-K opens the command palette and `?` the shortcut sheet on every
 * page (not while typing in a field, nor over another dialog); the header's button opens the
 * palette by pointer.
 */
export function KeyboardLauncher({ role, pages }: { role: Role; pages: PalettePage[] }) {
  const [open, setOpen] = useState<"palette" | "sheet" | null>(null);
  const mac = useSyncExternalStore(
    noChange,
    () => /Mac|iPhone|iPad/.test(navigator.userAgent),
    () => false,
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isPaletteKey(e)) {
        e.preventDefault();
        setOpen((o) => (o === "palette" ? null : "palette"));
        return;
      }
      if (e.key !== "?" || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      if ((e.target as Element | null)?.closest?.("[role=dialog]")) return;
      e.preventDefault();
      setOpen("sheet");
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const close = () => setOpen(null);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen("palette")}
        aria-keyshortcuts="Control+K Meta+K"
        aria-haspopup="dialog"
        className="flex items-center gap-2 rounded-md px-2 py-1 text-sm text-slate-500 ring-1 ring-slate-300 hover:bg-slate-50 sm:w-56"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="size-4 fill-none stroke-current stroke-2">
          <circle cx="8.5" cy="8.5" r="5.5" />
          <path d="m13 13 4 4" />
        </svg>
        <span className="sr-only sm:not-sr-only sm:flex-1 sm:text-left">Search or jump to…</span>
        <span className="hidden gap-0.5 sm:flex" aria-hidden>
          <Kbd>{keyLabel("Mod", mac)}</Kbd>
          <Kbd>K</Kbd>
        </span>
      </button>
      <button
        type="button"
        onClick={() => setOpen("sheet")}
        aria-keyshortcuts="?"
        aria-haspopup="dialog"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        className="hidden size-7 place-items-center rounded-md text-sm font-semibold text-slate-500 ring-1 ring-slate-300 hover:bg-slate-50 md:grid"
      >
        ?
      </button>
      {open === "palette" ? (
        <CommandPalette
          role={role}
          pages={pages}
          onClose={close}
          onShowShortcuts={() => setOpen("sheet")}
        />
      ) : null}
      {open === "sheet" ? <ShortcutSheet mac={mac} onClose={close} /> : null}
    </>
  );
}
