"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Td } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc/client";
import { formatDays, formatRounds } from "./roster-format";
import { RosterListCard } from "./roster-list-card";
import type { RosterPanelState } from "./roster-panel";

const link = "font-medium text-sky-800 underline-offset-2 hover:underline focus-visible:underline";

/** A site's guard tours: their rounds, whether a missed round is an alert, their checkpoints. */
export function RosterTours({
  siteId,
  onOpen,
}: {
  siteId: string;
  onOpen: (panel: RosterPanelState) => void;
}) {
  const trpc = useTRPC();
  const rows = useQuery(trpc.roster.tours.queryOptions({ siteId })).data ?? [];
  return (
    <RosterListCard
      title="Guard tours"
      add={{ label: "Add tour", onClick: () => onOpen({ kind: "tour" }) }}
      columns={[{ label: "Tour" }, { label: "Rounds" }, { label: "Checkpoints" }]}
      count={rows.length}
      empty="No tours yet. Add rounds with checkpoints for guards to scan."
    >
      {rows.map((t) => (
        <tr key={t.id}>
          <Td>
            <Link href={`/shifts/roster/tours/${t.id}?site=${t.siteId}`} className={link}>
              {t.name}
            </Link>{" "}
            {t.critical ? <Badge tone="red">Critical</Badge> : null}{" "}
            {t.active ? null : <Badge>Inactive</Badge>}
          </Td>
          <Td className="text-xs text-slate-600">
            {formatDays(t.days)}, {formatRounds(t)}
          </Td>
          <Td className="tabular-nums">{t.checkpoints.length}</Td>
          <Td className="whitespace-nowrap text-right">
            {t.checkpoints.length ? (
              <Link
                href={`/shifts/roster/tours/${t.id}/print?site=${t.siteId}`}
                className={`${link} text-sm`}
                aria-label={`Print the codes of ${t.name}`}
              >
                Print codes
              </Link>
            ) : null}
          </Td>
        </tr>
      ))}
    </RosterListCard>
  );
}
