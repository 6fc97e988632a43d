"use client";

import { RelativeTime } from "@/components/ui/relative-time";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { RunStatus } from "@/components/ui/run-status";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDateTime, formatElapsed } from "@/lib/format";
import { useNow } from "@/lib/hooks/use-now";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import type { RouterOutputs } from "@/lib/trpc/types";
import { RunDetail } from "./run-detail";

type Job = RouterOutputs["job"]["list"][number];

export function JobsClient() {
  const trpc = useTRPC();
  const now = useNow(10_000);
  const jobs = useQuery(trpc.job.list.queryOptions());
  const [filter, setFilter] = useState<Job["id"] | "">("");
  const runs = useQuery(
    trpc.job.runs.queryOptions({ limit: 50, ...(filter ? { jobId: filter } : {}) }),
  );
  const [selected, setSelected] = useState<string | null>(null);
  const names = new Map(jobs.data?.map((j) => [j.functionId, j.name]));

  return (
    <>
      <PageHeader
        title="Background jobs"
        description="The functions that score, predict, detect and deliver in the background: their schedules, recent runs and each run's steps."
      />
      <div className="mb-6">
        <Card title="Functions">
          <Table label="Background functions">
            <thead>
              <tr>
                <Th>Function</Th>
                <Th>Runs on</Th>
                <Th>Next run</Th>
                <Th>Last run</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {jobs.data?.map((j) => (
                <JobRow key={j.id} job={j} now={now} />
              ))}
            </tbody>
          </Table>
        </Card>
      </div>
      <div className={`grid gap-6 ${selected ? "2xl:grid-cols-[1fr_420px]" : ""}`}>
        <Card
          title="Recent runs"
          actions={
            <label className="flex items-center gap-2 text-sm">
              <span className="text-slate-600">Function</span>
              <Select value={filter} onChange={(e) => setFilter(e.target.value as Job["id"] | "")}>
                <option value="">All</option>
                {jobs.data?.map((j) => (
                  <option key={j.id} value={j.id}>
                    {j.name}
                  </option>
                ))}
              </Select>
            </label>
          }
        >
          {runs.data?.length ? (
            <Table label="Recent runs">
              <thead>
                <tr>
                  <Th>Function</Th>
                  <Th>Trigger</Th>
                  <Th>Started</Th>
                  <Th>Duration</Th>
                  <Th>Status</Th>
                  <Th>Result</Th>
                </tr>
              </thead>
              <tbody>
                {runs.data.map((r) => (
                  <tr
                    key={r.id}
                    className={`cursor-pointer hover:bg-slate-50 ${selected === r.id ? "bg-sky-50/60" : ""}`}
                    onClick={() => setSelected(r.id)}
                  >
                    <Td>
                      <button
                        type="button"
                        className="text-left font-medium text-sky-800 hover:underline"
                        onClick={() => setSelected(r.id)}
                      >
                        {names.get(r.functionId) ?? r.functionId}
                      </button>
                    </Td>
                    <Td>
                      <Badge tone={r.trigger === "manual" ? "violet" : "slate"}>{r.trigger}</Badge>
                    </Td>
                    <Td className="whitespace-nowrap text-slate-600">
                      <span title={formatDateTime(r.startedAt)}>
                        <RelativeTime date={r.startedAt} now={now} />
                      </span>
                    </Td>
                    <Td className="whitespace-nowrap tabular-nums text-slate-600">
                      <span suppressHydrationWarning>
                        {formatElapsed(r.startedAt, r.endedAt, now)}
                      </span>
                    </Td>
                    <Td>
                      <RunStatus status={r.status} />
                      {r.attempt > 0 && r.status !== "completed" ? (
                        <div className="text-xs text-slate-500">attempt {r.attempt + 1}</div>
                      ) : null}
                    </Td>
                    <Td className="max-w-xs truncate text-xs text-slate-600">
                      {r.error ?? r.summary ?? "—"}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : (
            <EmptyState>
              {runs.isPending
                ? "Loading…"
                : "No runs yet. Scheduled functions start on their next tick, or press Run now."}
            </EmptyState>
          )}
        </Card>
        {selected ? (
          <div className="order-first 2xl:order-none">
            <RunDetail id={selected} name={names} onClose={() => setSelected(null)} />
          </div>
        ) : null}
      </div>
    </>
  );
}

function JobRow({ job, now }: { job: Job; now: Date }) {
  const trpc = useTRPC();
  const runNow = useMutation(trpc.job.runNow.mutationOptions());
  return (
    <tr>
      <Td>
        <div className="font-medium">{job.name}</div>
        <div className="max-w-md text-xs text-slate-500">{job.description}</div>
      </Td>
      <Td className="text-xs text-slate-600">
        {job.cron ? (
          <>
            <code className="font-mono">{job.cron.expression}</code>
            <div>{job.cron.timezone}</div>
          </>
        ) : (
          job.events.map((e) => (
            <div key={e}>
              event <code className="font-mono">{e}</code>
            </div>
          ))
        )}
      </Td>
      <Td className="whitespace-nowrap text-slate-600">
        {job.nextRunAt ? <RelativeTime date={job.nextRunAt} now={now} /> : "on demand"}
      </Td>
      <Td>
        {job.lastRun ? (
          <div className="flex flex-col items-start gap-0.5">
            <RunStatus status={job.lastRun.status} />
            <span className="text-xs text-slate-500">
              <RelativeTime date={job.lastRun.startedAt} now={now} />
            </span>
          </div>
        ) : (
          <span className="text-sm text-slate-400">never</span>
        )}
      </Td>
      <Td className="text-right">
        {job.canRunNow ? (
          <Button
            variant="secondary"
            aria-label={`Run ${job.name} now`}
            disabled={runNow.isPending}
            onClick={() => runNow.mutate({ jobId: job.id })}
          >
            {runNow.isPending ? "Starting…" : "Run now"}
          </Button>
        ) : null}
        {runNow.error ? (
          <p role="alert" className="mt-1 max-w-56 text-left text-xs text-red-700">
            {errorMessage(runNow.error)}
          </p>
        ) : null}
      </Td>
    </tr>
  );
}
