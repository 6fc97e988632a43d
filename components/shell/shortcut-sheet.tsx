"use client";

import { useEffect, useRef } from "react";
import { keyLabel, SHORTCUT_SCOPES, type ShortcutScope, shortcutsIn } from "@/lib/shortcuts";
import { Kbd, Overlay } from "./overlay";

/** The `?` sheet: every keyboard shortcut of the app (lib/shortcuts.ts), grouped by where it works. */
export function ShortcutSheet({ mac, onClose }: { mac: boolean; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <Overlay
      label="Keyboard shortcuts"
      onClose={onClose}
      className="w-full max-w-2xl rounded-lg bg-white shadow-xl"
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
        <h2 className="text-base font-semibold">Keyboard shortcuts</h2>
        <button
          ref={close}
          type="button"
          onClick={onClose}
          className="rounded-md px-2 py-1 text-sm text-slate-600 ring-1 ring-slate-300 hover:bg-slate-100"
        >
          Close
        </button>
      </div>
      <div className="grid gap-x-8 gap-y-5 px-5 py-4 sm:grid-cols-2">
        {(Object.keys(SHORTCUT_SCOPES) as ShortcutScope[]).map((scope) => (
          <section key={scope} aria-labelledby={`shortcuts-${scope}`}>
            <h3
              id={`shortcuts-${scope}`}
              className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase"
            >
              {SHORTCUT_SCOPES[scope]}
            </h3>
            <dl className="space-y-1 text-sm">
              {shortcutsIn(scope).map((s) => (
                <div key={s.keys.join("+")} className="flex items-center justify-between gap-3">
                  <dt className="text-slate-700">{s.description}</dt>
                  <dd className="flex shrink-0 gap-1">
                    {s.keys.map((k) => (
                      <Kbd key={k}>{keyLabel(k, mac)}</Kbd>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="border-t border-slate-200 px-5 py-2.5 text-xs text-slate-500">
        Shortcuts pause while you type in a field. Press <Kbd>?</Kbd> anywhere to see this again.
      </p>
    </Overlay>
  );
}
