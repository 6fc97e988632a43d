"use client";

import { useEffect } from "react";

export type ToastMessage = {
  /** a new id restarts the timer (the same text said twice is news twice) */
  id: number;
  text: string;
  action?: { label: string; run: () => void };
};

/**
 * One short confirmation at the bottom of the screen, with an optional action (Undo); it goes
 * after `ms`, or when its action or × is pressed. Announced politely to screen readers.
 */
export function Toast({
  toast,
  ms,
  onDismiss,
}: {
  toast: ToastMessage;
  ms: number;
  onDismiss: () => void;
}) {
  useEffect(() => {
    const timer = setTimeout(onDismiss, ms);
    return () => clearTimeout(timer);
  }, [toast.id, ms, onDismiss]);
  return (
    <div
      role="status"
      data-testid="toast"
      className="fixed bottom-4 left-1/2 z-40 flex w-max max-w-[calc(100vw-2rem)] -translate-x-1/2 items-center gap-3 rounded-lg bg-slate-900 py-2 pr-2 pl-4 text-sm text-white shadow-lg"
    >
      <span className="min-w-0 [overflow-wrap:anywhere]">{toast.text}</span>
      {toast.action ? (
        <button
          type="button"
          className="rounded px-2 py-1 font-semibold text-sky-300 hover:bg-white/10"
          onClick={() => {
            toast.action?.run();
            onDismiss();
          }}
        >
          {toast.action.label}
        </button>
      ) : null}
      <button
        type="button"
        aria-label="Dismiss"
        className="rounded px-2 py-1 text-slate-300 hover:bg-white/10"
        onClick={onDismiss}
      >
        ×
      </button>
    </div>
  );
}
