"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { actionLabel, AUDIT_ENTITY_TYPES, fieldChanges, type AuditEntityType } from "@/lib/audit";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";
import { AuditFilterBar } from "./filters";
import {
  auditExportHref,
  auditSearchString,
  toAuditSearch,
  type AuditUrlFilters,
} from "./search-params";

type Row = RouterOutputs["audit"]["search"]["items"][number];

export function AuditClient({ initialFilters }: { initialFilters: AuditUrlFilters }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState(initialFilters);
  const [cursors, setCursors] = useState<number[]>([]);
  const cursor = cursors.at(-1);
  const q = useQuery(
    trpc.audit.search.queryOptions({ ...toAuditSearch(filters), limit: 50, cursor }),
  );
  const setFilter = (patch: Partial<AuditUrlFilters>) => {
    const next = { ...filters, ...patch };
    setFilters(next);
    setCursors([]);
    // a shallow URL update: the query refetches, the page does not
    window.history.replaceState(null, "", `/admin/audit${auditSearchString(next)}`);
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made by a person, a vendor link or a background job, newest first."
        actions={
          <a
            href={auditExportHref(filters)}
            download
            className="inline-flex items-center rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Export CSV
          </a>
        }
      />
      <AuditFilterBar filters={filters} setFilter={setFilter} />
      <Card>
        {q.data?.items.length ? (
          <Table label="Audit log">
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Who</Th>
                <Th>What</Th>
                <Th className="hidden md:table-cell">Change</Th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((e) => (
                <AuditRow key={e.id} row={e} />
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState>
            {q.isPending
              ? "Loading…"
              : q.isError
                ? "The log could not be loaded."
                : "Nothing recorded matches these filters."}
          </EmptyState>
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

function AuditRow({ row: e }: { row: Row }) {
  const changes = fieldChanges(e.before, e.after);
  const kind = AUDIT_ENTITY_TYPES[e.entityType as AuditEntityType] ?? e.entityType;
  const about = e.entityName ?? `${kind} …${e.entityId.slice(-6)}`;
  return (
    <tr>
      <Td className="whitespace-nowrap text-slate-600">{formatDateTime(e.createdAt)}</Td>
      <Td>
        <div className="font-medium text-slate-800">{e.actorLabel}</div>
        {e.actorType !== "user" ? <Badge>{e.actorType.replace("_", " ")}</Badge> : null}
      </Td>
      <Td>
        <div className="font-medium">{actionLabel(e.action)}</div>
        <div className="text-xs text-slate-600">
          {kind}:{" "}
          {e.entityHref ? (
            <Link href={e.entityHref} className="text-sky-700 underline underline-offset-2">
              {about}
            </Link>
          ) : (
            about
          )}
        </div>
        <Changes changes={changes} className="mt-1 md:hidden" />
      </Td>
      <Td className="hidden max-w-md md:table-cell">
        <Changes changes={changes} />
      </Td>
    </tr>
  );
}

function Changes({
  changes,
  className = "",
}: {
  changes: ReturnType<typeof fieldChanges>;
  className?: string;
}) {
  if (!changes.length) return <span className="text-xs text-slate-400">—</span>;
  return (
    <dl className={`space-y-0.5 text-xs ${className}`}>
      {changes.slice(0, 6).map((c) => (
        <div key={c.field} className="flex flex-wrap gap-x-1 break-words">
          <dt className="text-slate-500">{c.field}:</dt>
          <dd className="text-slate-800">
            {c.before !== null ? (
              <>
                <span className="text-slate-500 line-through decoration-slate-300">{c.before}</span>{" "}
                → {c.after}
              </>
            ) : (
              c.after
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
