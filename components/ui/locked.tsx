import type { ReactNode } from "react";
import { FEATURES, TIER_LABELS, type Feature } from "@/lib/tiers";

function LockIcon({ className = "" }: { className?: string }) {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" className={`shrink-0 ${className}`}>
      <path
        fill="currentColor"
        d="M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1.5 1.5 0 0 0-1.5 1.5v6A1.5 1.5 0 0 0 4 15h8a1.5 1.5 0 0 0 1.5-1.5v-6A1.5 1.5 0 0 0 12 6h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 5H6V4.5a2 2 0 1 1 4 0V6Z"
      />
    </svg>
  );
}

/** "Needs Silver" with a lock: the lowest plan that includes the feature (lib/tiers). */
export function NeedsTier({ feature }: { feature: Feature }) {
  return (
    <span className="inline-flex items-center gap-1 rounded bg-violet-50 px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-violet-800 ring-1 ring-violet-300 ring-inset">
      <LockIcon className="size-3" />
      Needs {TIER_LABELS[FEATURES[feature].minTier]}
    </span>
  );
}

/**
 * A feature a client's plan lacks, shown locked instead of hidden: the lock, the feature, the
 * tier that unlocks it and a short explanation (what the client gets without it).
 */
export function Locked({ feature, children }: { feature: Feature; children?: ReactNode }) {
  const f = FEATURES[feature];
  return (
    <div
      role="note"
      aria-label={`${f.label} is locked: needs ${TIER_LABELS[f.minTier]}`}
      className="flex items-start gap-3 rounded-lg border border-dashed border-slate-300 bg-slate-50 px-4 py-3 text-sm"
    >
      <LockIcon className="mt-0.5 size-4 text-slate-500" />
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium text-slate-800">{f.label}</span>
          <NeedsTier feature={feature} />
        </div>
        {children ? <div className="mt-1 text-slate-600">{children}</div> : null}
      </div>
    </div>
  );
}
