"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Fragment, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { formatKpiValue } from "@/lib/scorecard-format";
import { KPI_DEFS, SCORECARD_SECTIONS, SECTION_LABELS, type KpiKey } from "@/lib/scorecards";
import { useTRPC } from "@/lib/trpc/client";
import { TargetForm } from "./target-form";

const COLUMNS = 6;

/** A client's contract targets per KPI, against the defaults, each edited in place (admins). */
export function TargetsClient({ clientId }: { clientId: string }) {
  const trpc = useTRPC();
  const targets = useQuery({
    ...trpc.scorecard.targets.queryOptions({ clientId }),
    retry: false,
  });
  const grid = useQuery(trpc.scorecard.grid.queryOptions({ months: 6 }));
  const [editing, setEditing] = useState<KpiKey | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (targets.error) return <EmptyState>{targets.error.message}</EmptyState>;
  if (!targets.data) return <EmptyState>Loading…</EmptyState>;
  const name = grid.data?.clients.find((c) => c.id === clientId)?.name ?? "Client";
  const rows = targets.data;
  return (
    <div className="min-w-0 space-y-5">
      <PageHeader
        title={`${name} — contract targets`}
        description="Where each KPI turns amber (past the target) and red (past the red threshold)."
        actions={
          <Link
            href="/scorecards"
            className="rounded-md px-3 py-1.5 text-sm font-medium text-sky-800 ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600"
          >
            Back to scorecards
          </Link>
        }
      />
      <p className="rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900">
        Stored scorecards are frozen and keep the targets they were generated with. A change here
        applies from the next generation: the monthly run on the 1st (for the month before), or a
        month that an admin or supervisor regenerates.
      </p>
      <p role="status" className="text-sm text-emerald-800">
        {saved}
      </p>
      {SCORECARD_SECTIONS.map((section) => (
        <Card key={section} title={SECTION_LABELS[section]}>
          <Table label={`${SECTION_LABELS[section]} targets`}>
            <thead>
              <tr>
                <Th className="sm:w-1/4">KPI</Th>
                <Th className="hidden w-28 sm:table-cell">Better</Th>
                <Th className="hidden sm:table-cell sm:w-1/5">Default</Th>
                <Th className="sm:w-1/5">Contract target</Th>
                <Th className="w-28">Red at</Th>
                <Th className="w-20">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {rows
                .filter((r) => KPI_DEFS[r.kpi].section === section)
                .map((r) => {
                  const def = KPI_DEFS[r.kpi];
                  return (
                    <Fragment key={r.kpi}>
                      <tr>
                        <Td>
                          <span className="font-medium text-slate-900">{def.label}</span>
                        </Td>
                        <Td className="hidden sm:table-cell">
                          {def.higherIsBetter ? "higher" : "lower"}
                        </Td>
                        <Td className="hidden sm:table-cell">
                          {formatKpiValue(r.kpi, def.target)} · red{" "}
                          {formatKpiValue(r.kpi, def.redAt)}
                        </Td>
                        <Td>
                          <span className="mr-2" data-target={r.kpi}>
                            {formatKpiValue(r.kpi, r.target)}
                          </span>
                          {r.isDefault ? (
                            <Badge>default</Badge>
                          ) : (
                            <Badge tone="violet">contract</Badge>
                          )}
                        </Td>
                        <Td>
                          <span data-red-at={r.kpi}>{formatKpiValue(r.kpi, r.redAt)}</span>
                        </Td>
                        <Td className="text-right">
                          <Button
                            variant="secondary"
                            aria-expanded={editing === r.kpi}
                            aria-label={`Edit ${def.label}`}
                            onClick={() => {
                              setSaved(null);
                              setEditing(editing === r.kpi ? null : r.kpi);
                            }}
                          >
                            Edit
                          </Button>
                        </Td>
                      </tr>
                      {editing === r.kpi ? (
                        <tr>
                          <td colSpan={COLUMNS} className="border-b border-slate-200">
                            <TargetForm
                              clientId={clientId}
                              row={r}
                              onCancel={() => setEditing(null)}
                              onSaved={(message) => {
                                setEditing(null);
                                setSaved(message);
                              }}
                            />
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
            </tbody>
          </Table>
        </Card>
      ))}
    </div>
  );
}
