"use client";

import { useQuery } from "@tanstack/react-query";
import { PlaybookEditor } from "@/components/playbooks/playbook-editor";
import { PageHeader } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";

export function EditPlaybookClient({ id, created }: { id: string; created: boolean }) {
  const trpc = useTRPC();
  // the editor keeps what is typed: a live refetch of the playbook does not reset the form
  const playbook = useQuery({ ...trpc.playbook.get.queryOptions({ id }), staleTime: Infinity });
  const p = playbook.data;
  if (!p) return <p className="text-sm text-slate-500">Loading…</p>;
  const latest = p.versions[0];
  return (
    <>
      <PageHeader
        title={p.name}
        description={`Version ${p.currentVersion} · ${p.killedAt ? "stopped by the kill switch" : p.enabled ? "enabled" : "disabled"}. Saving makes a new version; runs keep the version they started with.`}
      />
      {latest ? (
        <p className="-mt-4 mb-4 text-xs text-slate-500" suppressHydrationWarning>
          Version {latest.version} saved {formatDateTime(latest.createdAt)}
          {latest.createdByName ? ` by ${latest.createdByName}` : ""}.
        </p>
      ) : null}
      {created ? (
        <p
          role="status"
          className="mb-4 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-2 text-sm text-emerald-900"
        >
          Playbook created (disabled). Dry-run it here, then enable it on the playbooks list.
        </p>
      ) : null}
      <PlaybookEditor key={p.id} playbook={p} />
    </>
  );
}
