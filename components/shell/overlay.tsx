"use client";

import { useEffect, useRef } from "react";

/**
 * A modal layer of the shell (the command palette, the shortcut sheet): a dialog over a dimmed
 * page, closed by Escape or a click beside it, giving focus back to where it was when it closes.
 * Its child focuses what it wants on mount.
 */
export function Overlay({
  label,
  onClose,
  onEscape,
  className,
  children,
}: {
  label: string;
  onClose: () => void;
  /** Escape inside: defaults to closing (the palette first goes back a step) */
  onEscape?: () => void;
  className: string;
  children: React.ReactNode;
}) {
  const before = useRef<Element | null>(null);
  useEffect(() => {
    before.current = document.activeElement;
    return () => {
      const el = before.current;
      if (el instanceof HTMLElement && el.isConnected) el.focus();
    };
  }, []);
  return (
    <div
      className="fixed inset-0 z-40 flex items-start justify-center overflow-y-auto bg-slate-900/40 px-3 pt-[12vh] pb-6"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        e.preventDefault();
        e.stopPropagation();
        (onEscape ?? onClose)();
      }}
    >
      <div role="dialog" aria-modal="true" aria-label={label} className={className}>
        {children}
      </div>
    </div>
  );
}

/** A key cap. */
export function Kbd({ children }: { children: React.ReactNode }) {
  return (
    <kbd className="inline-block min-w-5 rounded border border-slate-300 bg-slate-50 px-1 text-center font-sans text-xs text-slate-700">
      {children}
    </kbd>
  );
}
