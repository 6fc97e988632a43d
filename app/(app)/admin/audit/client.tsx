"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";

const ENTITY_TYPES = ["user", "client", "site", "group", "api_key"] as const;

function summary(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys
    .slice(0, 4)
    .map(
      (k) =>
        `${k}: ${before ? `${JSON.stringify(before[k] ?? null)} → ` : ""}${JSON.stringify(after?.[k] ?? null)}`,
    )
    .join("; ");
}

export function AuditClient() {
  const trpc = useTRPC();
  const [entityType, setEntityType] = useState<string>("");
  const [cursors, setCursors] = useState<number[]>([]);
  const cursor = cursors.at(-1);
  const q = useQuery(
    trpc.audit.recent.queryOptions({ limit: 50, entityType: entityType || undefined, cursor }),
  );

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made by a person, a vendor link or a background job, newest first."
        actions={
          <label className="flex items-center gap-2 text-sm">
            <span className="text-slate-600">Entity</span>
            <Select
              value={entityType}
              onChange={(e) => {
                setEntityType(e.target.value);
                setCursors([]);
              }}
            >
              <option value="">All</option>
              {ENTITY_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </Select>
          </label>
        }
      />
      <Card>
        {q.data?.items.length ? (
          <Table label="Audit log">
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Who</Th>
                <Th>Action</Th>
                <Th>Change</Th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((e) => (
                <tr key={e.id}>
                  <Td className="whitespace-nowrap text-slate-600">
                    {formatDateTime(e.createdAt)}
                  </Td>
                  <Td>
                    <div>{e.actorLabel}</div>
                    <Badge>{e.actorType.replace("_", " ")}</Badge>
                  </Td>
                  <Td className="font-mono text-xs">{e.action}</Td>
                  <Td className="max-w-md break-words text-xs text-slate-600">
                    {summary(e.before, e.after)}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState>{q.isPending ? "Loading…" : "Nothing recorded yet."}</EmptyState>
        )}
        <div className="flex justify-between border-t border-slate-200 px-4 py-2">
          <Button
            variant="secondary"
            disabled={!cursors.length}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            Newer
          </Button>
          <Button
            variant="secondary"
            disabled={!q.data?.nextCursor}
            onClick={() =>
              q.data?.nextCursor && setCursors((c) => [...c, q.data.nextCursor as number])
            }
          >
            Older
          </Button>
        </div>
      </Card>
    </>
  );
}
