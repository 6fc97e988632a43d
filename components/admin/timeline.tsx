"use client";

import { useQuery } from "@tanstack/react-query";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** An entity's audit timeline: who changed what, from what, to what. */
export function Timeline({ entityType, entityId }: { entityType: string; entityId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.audit.timeline.queryOptions({ entityType, entityId }));
  if (q.isPending) return <p className="text-sm text-slate-500">Loading history…</p>;
  if (!q.data?.length) return <p className="text-sm text-slate-500">No changes recorded yet.</p>;
  return (
    <ol aria-label="History" className="space-y-3 border-l border-slate-200 pl-4">
      {q.data.map((e) => {
        const keys = [...new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})])];
        return (
          <li key={e.id} className="text-sm">
            <div className="font-medium text-slate-800">
              {e.action} <span className="font-normal text-slate-500">by {e.actorLabel}</span>
            </div>
            <div className="text-xs text-slate-500">{formatDateTime(e.createdAt)}</div>
            {keys.length ? (
              <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
                {keys.map((k) => (
                  <li key={k}>
                    <span className="font-mono">{k}</span>:{" "}
                    {e.before ? (
                      <span className="line-through decoration-red-400">{show(e.before[k])}</span>
                    ) : null}{" "}
                    {e.after ? <span className="text-slate-900">{show(e.after[k])}</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
