"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { PlaybookCard } from "@/components/playbooks/playbook-card";
import { LockedClients } from "@/components/tiers/locked-clients";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { REOPEN_WINDOW_HOURS } from "@/lib/playbooks";
import { can } from "@/lib/permissions";
import { PLAYBOOK_FEATURE, tierIncludes } from "@/lib/tiers";
import { useTRPC } from "@/lib/trpc/client";

export function PlaybooksClient() {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const list = useQuery(trpc.playbook.list.queryOptions());
  const clients = useQuery(trpc.client.list.queryOptions());
  const role = me.data?.role;
  const canManage = can(role, "playbook.manage");
  const noGold =
    clients.data !== undefined &&
    !clients.data.some((c) => c.active && tierIncludes(c.tier, PLAYBOOK_FEATURE));
  return (
    <>
      <PageHeader
        title="Playbooks"
        description={`Automated remediation: after triage, each enabled playbook whose trigger matches runs once against the alert. False actions are auto-resolved alerts that came back within ${REOPEN_WINDOW_HOURS} h.`}
        actions={
          canManage ? (
            <Link
              href="/playbooks/new"
              className="inline-flex items-center rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
            >
              New playbook
            </Link>
          ) : null
        }
      />
      <div className="mb-4 space-y-2">
        {noGold ? (
          <p
            role="note"
            className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          >
            No client is on a plan with playbooks (Gold): nothing will run until one is.
          </p>
        ) : null}
        <LockedClients feature={PLAYBOOK_FEATURE}>
          {(names, n) =>
            `${names} ${n === 1 ? "is on a plan" : "are on plans"} without it: ${n === 1 ? "its" : "their"} alerts never start a playbook run.`
          }
        </LockedClients>
      </div>
      {list.isError ? (
        <Card>
          <EmptyState>The playbooks could not be loaded.</EmptyState>
        </Card>
      ) : !list.data ? (
        <Card>
          <EmptyState>Loading…</EmptyState>
        </Card>
      ) : list.data.length === 0 ? (
        <Card>
          <EmptyState>
            No playbooks yet.{" "}
            {canManage ? "Create one, dry-run it on the last 30 days, then enable it." : ""}
          </EmptyState>
        </Card>
      ) : (
        <ul aria-label="Playbooks" className="grid grid-cols-1 gap-4 2xl:grid-cols-2">
          {list.data.map((p) => (
            <li key={p.id}>
              <PlaybookCard playbook={p} role={role} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
