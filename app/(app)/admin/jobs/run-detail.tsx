"use client";

import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { RunStatus } from "@/components/ui/run-status";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";

export function RunDetail({
  id,
  name,
  onClose,
}: {
  id: string;
  name: Map<string, string>;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const run = useQuery(trpc.job.run.queryOptions({ id }));
  const r = run.data;
  return (
    <Card
      title={r ? `${name.get(r.functionId) ?? r.functionId}` : "Run"}
      actions={
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
      }
    >
      {r ? (
        <div className="space-y-4 p-4 text-sm">
          <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1">
            <dt className="text-slate-500">Status</dt>
            <dd>
              <RunStatus status={r.status} />
            </dd>
            <dt className="text-slate-500">Trigger</dt>
            <dd>
              {r.trigger} · <code className="font-mono text-xs">{r.triggerDetail}</code>
            </dd>
            <dt className="text-slate-500">Started</dt>
            <dd>{formatDateTime(r.startedAt)}</dd>
            <dt className="text-slate-500">Ended</dt>
            <dd>
              {r.endedAt
                ? formatDateTime(r.endedAt)
                : r.wakeAt
                  ? `next step ${formatDateTime(r.wakeAt)}`
                  : "—"}
            </dd>
            <dt className="text-slate-500">Run id</dt>
            <dd className="break-all font-mono text-xs">{r.id}</dd>
          </dl>
          {r.error ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-2 text-red-800">
              {r.error}
            </p>
          ) : null}
          <div>
            <h3 className="mb-1 font-semibold">Steps</h3>
            {r.steps.length ? (
              <ol aria-label="Steps" className="space-y-1.5 border-l border-slate-200 pl-3">
                {r.steps.map((s) => (
                  <li key={s.id}>
                    <div className="flex items-center gap-2">
                      <span className="font-medium">{s.name}</span>
                      <RunStatus status={s.status} />
                      {s.attempt > 0 ? (
                        <span className="text-xs text-slate-500">attempt {s.attempt + 1}</span>
                      ) : null}
                    </div>
                    <div className="text-xs text-slate-500">
                      {s.op} · {formatDateTime(s.startedAt)}
                    </div>
                    {s.error ? <div className="text-xs text-red-700">{s.error}</div> : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="text-slate-500">No steps recorded yet.</p>
            )}
          </div>
          {r.result !== null && r.result !== undefined ? (
            <div>
              <h3 className="mb-1 font-semibold">Result</h3>
              <pre className="max-h-48 overflow-auto rounded bg-slate-50 p-2 text-xs">
                {JSON.stringify(r.result, null, 2)}
              </pre>
            </div>
          ) : null}
        </div>
      ) : (
        <p className="p-4 text-sm text-slate-500">
          {run.isError ? "This run is not available." : "Loading…"}
        </p>
      )}
    </Card>
  );
}
