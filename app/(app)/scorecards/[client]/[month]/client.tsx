"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { useState } from "react";
import { ScorecardTrendChart } from "@/components/charts/scorecard-trend";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { can } from "@/lib/permissions";
import { formatKpiValue, monthLabel } from "@/lib/scorecard-format";
import {
  KPI_DEFS,
  SCORECARD_SECTIONS,
  SECTION_LABELS,
  type KpiKey,
  type KpiResult,
} from "@/lib/scorecards";
import { useTRPC } from "@/lib/trpc/client";
import { RagBadge } from "../../rag";

/** A client out of scope, another tenant's, or a month that cannot have a scorecard: no retry. */
const notAvailable = (err: unknown) =>
  err instanceof TRPCClientError &&
  ["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"].includes(
    (err.data as { code?: string } | undefined)?.code ?? "",
  );
const retry = (n: number, err: unknown) => !notAvailable(err) && n < 2;

function Trend({ k }: { k: KpiResult }) {
  if (k.delta == null || !k.direction) return <span className="text-slate-400">no previous</span>;
  if (k.direction === "flat") return <span className="text-slate-500">→ unchanged</span>;
  const arrow = k.direction === "up" ? "↑" : "↓";
  const tone = k.good ? "text-emerald-700" : "text-red-700";
  return (
    <span className={tone}>
      {arrow} {k.delta > 0 ? "+" : ""}
      {k.delta} ({k.good ? "better" : "worse"})
    </span>
  );
}

function Drill({ clientId, month, kpi }: { clientId: string; month: string; kpi: KpiKey }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.scorecard.drill.queryOptions({ clientId, month, kpi }), retry });
  if (!q.data) return <EmptyState>Loading records…</EmptyState>;
  return (
    <Card
      title={`${KPI_DEFS[kpi].label}: ${q.data.rows.length} ${q.data.records.replace("_", " ")}${q.data.truncated ? " (first 1000)" : ""}`}
    >
      {q.data.rows.length === 0 ? (
        <EmptyState>No records behind this KPI for the month.</EmptyState>
      ) : (
        <Table label={`Records behind ${KPI_DEFS[kpi].label}`}>
          <thead>
            <tr>
              <Th>Ref</Th>
              <Th>Title</Th>
              <Th>Site</Th>
              <Th>When</Th>
              <Th>Detail</Th>
            </tr>
          </thead>
          <tbody>
            {q.data.rows.map((r) => (
              <tr key={r.id}>
                <Td>{r.ref}</Td>
                <Td>{r.title}</Td>
                <Td>{r.site}</Td>
                <Td>{r.at ? r.at.slice(0, 16).replace("T", " ") : "—"}</Td>
                <Td>{r.flagged ? <strong>{r.detail}</strong> : r.detail}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

export function ScorecardClient({ clientId, month }: { clientId: string; month: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [drill, setDrill] = useState<KpiKey | null>(null);
  const me = useQuery(trpc.me.get.queryOptions());
  const q = useQuery({ ...trpc.scorecard.get.queryOptions({ clientId, month }), retry });
  const regenerate = useMutation(
    trpc.scorecard.regenerate.mutationOptions({
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.scorecard.pathKey() }),
    }),
  );
  if (q.error) return <EmptyState>{q.error.message}</EmptyState>;
  if (!q.data) return <EmptyState>Loading…</EmptyState>;
  const { scorecard: sc, client, history } = q.data;
  const months = [...history, { month, kpis: sc.kpis }];
  return (
    <div className="space-y-5">
      <PageHeader
        title={`${client.name} — ${monthLabel(month)}`}
        description={`Version ${sc.version}, generated ${sc.generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC · SHA-256 ${sc.contentHash.slice(0, 16)}…`}
        actions={
          <div className="flex items-center gap-2">
            <RagBadge rag={sc.overallRag} />
            <a
              className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white"
              href={`/api/scorecards/${clientId}/${month}/pdf`}
            >
              Download PDF
            </a>
            {can(me.data?.role, "scorecard.targets.manage") ? (
              <Link
                className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-100"
                href={`/scorecards/${clientId}/targets`}
              >
                Contract targets
              </Link>
            ) : null}
            {can(me.data?.role, "scorecard.regenerate") ? (
              <Button
                variant="secondary"
                disabled={regenerate.isPending}
                onClick={() => regenerate.mutate({ clientId, month })}
              >
                {regenerate.isPending ? "Regenerating…" : "Regenerate"}
              </Button>
            ) : null}
          </div>
        }
      />
      {regenerate.error ? (
        <p role="alert" className="text-sm text-red-700">
          {regenerate.error.message}
        </p>
      ) : null}
      <Card title="What changed">
        <ul className="list-disc space-y-1 px-8 py-3 text-sm text-slate-800">
          {sc.summary.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </Card>
      {SCORECARD_SECTIONS.map((section) => (
        <section key={section} className="space-y-3">
          <h2 className="text-base font-semibold text-slate-900">{SECTION_LABELS[section]}</h2>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {sc.kpis
              .filter((k) => KPI_DEFS[k.key].section === section)
              .map((k) => (
                <button
                  key={k.key}
                  type="button"
                  onClick={() => setDrill(k.key)}
                  aria-pressed={drill === k.key}
                  className="rounded-lg border border-slate-200 bg-white p-3 text-left shadow-xs focus-visible:outline-2 focus-visible:outline-sky-600"
                >
                  <div className="flex items-start justify-between gap-2">
                    <span className="text-sm text-slate-600">{KPI_DEFS[k.key].label}</span>
                    <RagBadge rag={k.rag} />
                  </div>
                  <div className="mt-1 text-2xl font-semibold text-slate-900" data-kpi={k.key}>
                    {k.value == null ? (
                      <span className="text-base text-slate-500">{k.note}</span>
                    ) : (
                      formatKpiValue(k.key, k.value)
                    )}
                  </div>
                  <div className="mt-1 text-xs">
                    <Trend k={k} /> · target {formatKpiValue(k.key, k.target)}
                  </div>
                </button>
              ))}
          </div>
          <ScorecardTrendChart months={months} section={section} />
        </section>
      ))}
      {drill ? <Drill clientId={clientId} month={month} kpi={drill} /> : null}
    </div>
  );
}
