"use client";

import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc/client";
import { formatDays, formatHours, formatRange } from "./roster-format";
import type { RosterPanelState } from "./roster-panel";

/** Who holds which shift template, and for which dates. */
export function RosterAssignments({
  siteId,
  onOpen,
}: {
  siteId: string;
  onOpen: (panel: RosterPanelState) => void;
}) {
  const trpc = useTRPC();
  const assignments = useQuery(trpc.roster.assignments.queryOptions({ siteId }));
  const templates = useQuery(trpc.roster.templates.queryOptions({ siteId }));
  const rows = assignments.data ?? [];
  const byId = new Map((templates.data ?? []).map((t) => [t.id, t]));
  const hasTemplates = (templates.data ?? []).some((t) => t.active);
  return (
    <Card
      title="Assignments"
      actions={
        <Button
          variant="secondary"
          disabled={!hasTemplates}
          title={hasTemplates ? undefined : "Add a shift template first"}
          onClick={() => onOpen({ kind: "assignment" })}
        >
          Assign guard
        </Button>
      }
    >
      {rows.length ? (
        <Table label="Assignments">
          <thead>
            <tr>
              <Th>Guard</Th>
              <Th>Shift</Th>
              <Th className="hidden md:table-cell">When</Th>
              <Th>Dates</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => {
              const t = byId.get(a.templateId);
              return (
                <tr key={a.id}>
                  <Td className="font-medium text-slate-900">{a.guardName}</Td>
                  <Td>{t ? `${t.postName} · ${t.name}` : a.templateName}</Td>
                  <Td className="hidden whitespace-nowrap text-slate-600 md:table-cell">
                    {t ? `${formatDays(t.days)}, ${formatHours(t.startTime, t.endTime)}` : ""}
                  </Td>
                  <Td className="whitespace-nowrap text-xs text-slate-600">
                    {formatRange(a.startsOn, a.endsOn)}
                  </Td>
                  <Td className="text-right">
                    <Button
                      variant="ghost"
                      aria-label={`Edit assignment of ${a.guardName} to ${a.templateName}`}
                      onClick={() => onOpen({ kind: "assignment", id: a.id })}
                    >
                      Edit
                    </Button>
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      ) : (
        <EmptyState>
          {hasTemplates
            ? "Nobody is assigned yet: the shifts of these templates stand open until a guard holds them."
            : "Add shift templates, then assign guards to them."}
        </EmptyState>
      )}
    </Card>
  );
}
