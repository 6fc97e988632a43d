"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { monthLabel } from "@/lib/scorecard-format";
import { useTRPC } from "@/lib/trpc/client";
import { RagBadge } from "./rag";

export function ScorecardGridClient() {
  const trpc = useTRPC();
  const grid = useQuery(trpc.scorecard.grid.queryOptions({ months: 6 }));
  const data = grid.data;
  return (
    <div>
      <PageHeader
        title="Scorecards"
        description="Each client's monthly compliance scorecard, frozen when generated, with its overall status."
      />
      <Card>
        {!data ? (
          <EmptyState>Loading…</EmptyState>
        ) : data.clients.length === 0 ? (
          <EmptyState>No clients in your scope.</EmptyState>
        ) : (
          <Table label="Scorecards by client and month">
            <thead>
              <tr>
                <Th>Client</Th>
                {data.months.map((m) => (
                  <Th key={m}>{monthLabel(m)}</Th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.clients.map((c) => (
                <tr key={c.id}>
                  <Td>{c.name}</Td>
                  {c.cells.map((cell) => (
                    <Td key={cell.month}>
                      {cell.id && cell.overallRag ? (
                        <Link
                          href={`/scorecards/${c.id}/${cell.month}`}
                          aria-label={`${c.name}, ${monthLabel(cell.month)}: ${cell.overallRag}`}
                          className="rounded focus-visible:outline-2 focus-visible:outline-sky-600"
                        >
                          <RagBadge rag={cell.overallRag} />
                        </Link>
                      ) : (
                        <span className="text-xs text-slate-400">not generated</span>
                      )}
                    </Td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
