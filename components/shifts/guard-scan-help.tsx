"use client";

import { useId, useState } from "react";
import { GuardButton } from "./guard-ui";

/**
 * The "Scan checkpoint" action. A checkpoint's QR code is a link to this app's scan page, so
 * the phone's own camera app reads it: the button says how, step by step.
 */
export function GuardScanHelp() {
  const [open, setOpen] = useState(false);
  const panel = useId();
  return (
    <div>
      <GuardButton
        variant="dark"
        aria-expanded={open}
        aria-controls={panel}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden>▣</span> Scan checkpoint
      </GuardButton>
      <div id={panel} hidden={!open} className="mt-3 rounded-xl bg-slate-50 p-4">
        <h3 className="text-base font-semibold text-slate-900">How to scan</h3>
        <ol className="mt-2 list-decimal space-y-1.5 pl-5 text-base text-slate-800">
          <li>Open your phone&apos;s camera app.</li>
          <li>Point it at the QR code on the checkpoint.</li>
          <li>
            Tap the link that appears: this app opens and records the scan with your location.
          </li>
        </ol>
        <p className="mt-2 text-sm text-slate-600">
          Scan each checkpoint once per round, while the round is open and you are on duty.
        </p>
      </div>
    </div>
  );
}
