"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Td } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc/client";
import { RosterListCard } from "./roster-list-card";
import type { RosterPanelState } from "./roster-panel";

/** A site's guarded positions ("Front desk", "Patrol B"). */
export function RosterPosts({
  siteId,
  onOpen,
}: {
  siteId: string;
  onOpen: (panel: RosterPanelState) => void;
}) {
  const trpc = useTRPC();
  const rows = useQuery(trpc.roster.posts.queryOptions({ siteId })).data ?? [];
  return (
    <RosterListCard
      title="Posts"
      add={{ label: "Add post", onClick: () => onOpen({ kind: "post" }) }}
      columns={[{ label: "Post" }, { label: "Status" }]}
      count={rows.length}
      empty="No posts yet. Add the positions guards hold at this site."
    >
      {rows.map((p) => (
        <tr key={p.id}>
          <Td>
            <div className="font-medium text-slate-900">{p.name}</div>
            {p.description ? <div className="text-xs text-slate-500">{p.description}</div> : null}
          </Td>
          <Td>{p.active ? <Badge tone="green">Active</Badge> : <Badge>Inactive</Badge>}</Td>
          <Td className="text-right">
            <Button
              variant="ghost"
              aria-label={`Edit post ${p.name}`}
              onClick={() => onOpen({ kind: "post", id: p.id })}
            >
              Edit
            </Button>
          </Td>
        </tr>
      ))}
    </RosterListCard>
  );
}
