"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Td } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc/client";
import {
  crossesMidnight,
  formatDays,
  formatHours,
  formatRange,
  shiftLength,
} from "./roster-format";
import { RosterListCard } from "./roster-list-card";
import type { RosterPanelState } from "./roster-panel";

const COLUMNS = [
  { label: "Shift" },
  { label: "Post" },
  { label: "Days" },
  { label: "Hours (site time)" },
  { label: "In effect", className: "hidden md:table-cell" },
  { label: "Guards" },
];

/** A site's shift templates: which post, which days, which local hours, from when to when. */
export function RosterTemplates({
  siteId,
  onOpen,
}: {
  siteId: string;
  onOpen: (panel: RosterPanelState) => void;
}) {
  const trpc = useTRPC();
  const rows = useQuery(trpc.roster.templates.queryOptions({ siteId })).data ?? [];
  const posts = useQuery(trpc.roster.posts.queryOptions({ siteId })).data ?? [];
  const assignments = useQuery(trpc.roster.assignments.queryOptions({ siteId })).data ?? [];
  const hasPosts = posts.some((p) => p.active);
  return (
    <RosterListCard
      title="Shift templates"
      add={{
        label: "Add shift template",
        onClick: () => onOpen({ kind: "template" }),
        blockedBecause: hasPosts ? undefined : "Add a post first",
      }}
      columns={COLUMNS}
      count={rows.length}
      empty={
        hasPosts
          ? "No shift templates yet. Add one for each slot a post needs covered."
          : "Add a post first, then the shifts that cover it."
      }
    >
      {rows.map((t) => {
        const held = assignments.filter((a) => a.templateId === t.id);
        return (
          <tr key={t.id}>
            <Td>
              <span className="font-medium text-slate-900">{t.name}</span>{" "}
              {t.active ? null : <Badge>Inactive</Badge>}
            </Td>
            <Td>{t.postName}</Td>
            <Td>{formatDays(t.days)}</Td>
            <Td className="whitespace-nowrap tabular-nums">
              {formatHours(t.startTime, t.endTime)}{" "}
              <span className="text-xs text-slate-500">
                ({shiftLength(t.startTime, t.endTime)})
              </span>{" "}
              {crossesMidnight(t.startTime, t.endTime) ? (
                <Badge tone="violet">Overnight</Badge>
              ) : null}
            </Td>
            <Td className="hidden whitespace-nowrap text-xs text-slate-600 md:table-cell">
              {formatRange(t.effectiveFrom, t.effectiveTo)}
            </Td>
            <Td className="text-xs">
              {held.length ? (
                held.map((a) => a.guardName).join(", ")
              ) : (
                <Badge tone="amber">Nobody assigned</Badge>
              )}
            </Td>
            <Td className="whitespace-nowrap text-right">
              <Button
                variant="ghost"
                aria-label={`Assign a guard to ${t.postName} ${t.name}`}
                onClick={() => onOpen({ kind: "assignment", templateId: t.id })}
              >
                Assign
              </Button>
              <Button
                variant="ghost"
                aria-label={`Edit shift ${t.postName} ${t.name}`}
                onClick={() => onOpen({ kind: "template", id: t.id })}
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
