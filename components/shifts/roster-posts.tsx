"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc/client";
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
  const posts = useQuery(trpc.roster.posts.queryOptions({ siteId }));
  const rows = posts.data ?? [];
  return (
    <Card
      title="Posts"
      actions={
        <Button variant="secondary" onClick={() => onOpen({ kind: "post" })}>
          Add post
        </Button>
      }
    >
      {rows.length ? (
        <Table label="Posts">
          <thead>
            <tr>
              <Th>Post</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <Td>
                  <div className="font-medium text-slate-900">{p.name}</div>
                  {p.description ? (
                    <div className="text-xs text-slate-500">{p.description}</div>
                  ) : null}
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
          </tbody>
        </Table>
      ) : (
        <EmptyState>No posts yet. Add the positions guards hold at this site.</EmptyState>
      )}
    </Card>
  );
}
