"use client";

import { RelativeTime } from "@/components/ui/relative-time";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

export function ApiKeysClient() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const keys = useQuery(trpc.apiKey.list.queryOptions());
  const [name, setName] = useState("");
  const refresh = () => qc.invalidateQueries(trpc.apiKey.pathFilter());
  const create = useMutation(trpc.apiKey.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.apiKey.revoke.mutationOptions({ onSuccess: refresh }));

  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let alarm panels, device gateways and helpdesk tools send alerts and tickets to this tenant."
      />
      <div className="mb-6">
        <Card title="New key">
          <form
            className="flex flex-wrap items-end gap-3 p-4"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({ name });
            }}
          >
            <div className="min-w-64 flex-1">
              <Field label="What will use it" error={fieldErrors(create.error).name}>
                <Input
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  placeholder="e.g. Chicago alarm panel bridge"
                />
              </Field>
            </div>
            <Button type="submit" disabled={create.isPending}>
              Create key
            </Button>
          </form>
          {create.data ? (
            <div
              role="status"
              className="mx-4 mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
            >
              <p className="font-medium text-amber-900">
                Copy this key now — it is shown only once.
              </p>
              <code className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-amber-200">
                {create.data.key}
              </code>
              <p className="mt-1 text-amber-800">
                Send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.
              </p>
            </div>
          ) : create.error && !fieldErrors(create.error).name ? (
            <p role="alert" className="mx-4 mb-4 text-sm text-red-700">
              {errorMessage(create.error)}
            </p>
          ) : null}
        </Card>
      </div>
      <Card>
        {keys.data?.length ? (
          <Table label="API keys">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Key</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                <Th>Status</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((k) => (
                <tr key={k.id}>
                  <Td className="font-medium">{k.name}</Td>
                  <Td className="font-mono text-xs">{k.prefix}…</Td>
                  <Td className="text-slate-600">{formatDateTime(k.createdAt)}</Td>
                  <Td className="text-slate-600">
                    {k.lastUsedAt ? <RelativeTime date={k.lastUsedAt} /> : "never"}
                  </Td>
                  <Td>
                    {k.revokedAt ? (
                      <Badge tone="red">Revoked</Badge>
                    ) : (
                      <Badge tone="green">Active</Badge>
                    )}
                  </Td>
                  <Td className="text-right">
                    {k.revokedAt ? null : (
                      <Button
                        variant="danger"
                        aria-label={`Revoke ${k.name}`}
                        disabled={revoke.isPending}
                        onClick={() => revoke.mutate({ id: k.id })}
                      >
                        Revoke
                      </Button>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState>{keys.isPending ? "Loading…" : "No API keys yet."}</EmptyState>
        )}
      </Card>
    </>
  );
}
