"use client";

import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Td } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc/client";
import { formatDays, formatHours, formatRange } from "./roster-format";
import { RosterListCard } from "./roster-list-card";
import type { RosterPanelState } from "./roster-panel";

const COLUMNS = [
  { label: "Guard" },
  { label: "Shift" },
  { label: "When", className: "hidden md:table-cell" },
  { label: "Dates" },
];

/** Who holds which shift template, and for which dates. */
export function RosterAssignments({
  siteId,
  onOpen,
}: {
  siteId: string;
  onOpen: (panel: RosterPanelState) => void;
}) {
  const trpc = useTRPC();
  const rows = useQuery(trpc.roster.assignments.queryOptions({ siteId })).data ?? [];
  const templates = useQuery(trpc.roster.templates.queryOptions({ siteId })).data ?? [];
  const byId = new Map(templates.map((t) => [t.id, t]));
  const hasTemplates = templates.some((t) => t.active);
  return (
    <RosterListCard
      title="Assignments"
      add={{
        label: "Assign guard",
        onClick: () => onOpen({ kind: "assignment" }),
        blockedBecause: hasTemplates ? undefined : "Add a shift template first",
      }}
      columns={COLUMNS}
      count={rows.length}
      empty={
        hasTemplates
          ? "Nobody is assigned yet: the shifts of these templates stand open until a guard holds them."
          : "Add shift templates, then assign guards to them."
      }
    >
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
    </RosterListCard>
  );
}
