"use client";

import { RelativeTime } from "@/components/ui/relative-time";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { ROLE_LABELS, SCOPED_ROLES } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { CreateUser, EditUser } from "./user-forms";

function useScopeOptions() {
  const trpc = useTRPC();
  const clients = useQuery(trpc.client.list.queryOptions());
  const sites = useQuery(trpc.site.list.queryOptions({}));
  return {
    clients: clients.data?.map((c) => ({ id: c.id, label: c.name })) ?? [],
    sites: sites.data?.map((s) => ({ id: s.id, label: s.name, hint: s.clientName })) ?? [],
    names: new Map([
      ...(clients.data ?? []).map((c) => [c.id, c.name] as const),
      ...(sites.data ?? []).map((s) => [s.id, s.name] as const),
    ]),
  };
}

export function UsersClient() {
  const trpc = useTRPC();
  const users = useQuery(trpc.user.list.queryOptions());
  const options = useScopeOptions();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const editUser = users.data?.find((u) => u.id === editing);

  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in, with which role, and which clients or sites they see."
        actions={
          <Button onClick={() => setCreating((c) => !c)}>{creating ? "Close" : "New user"}</Button>
        }
      />
      {creating ? <CreateUser options={options} onDone={() => setCreating(false)} /> : null}
      <div className={`grid gap-6 ${editUser ? "2xl:grid-cols-[1fr_380px]" : ""}`}>
        <Card>
          <Table label="Users">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Role</Th>
                <Th>Scope</Th>
                <Th>Groups</Th>
                <Th>Status</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {users.data?.map((u) => {
                const scopeNames = [...u.scope.clientIds, ...u.scope.siteIds].map(
                  (id) => options.names.get(id) ?? "?",
                );
                return (
                  <tr key={u.id} className={editing === u.id ? "bg-sky-50/50" : undefined}>
                    <Td>
                      <div className="font-medium">{u.name}</div>
                      <div className="text-xs text-slate-500">{u.email}</div>
                    </Td>
                    <Td>
                      <Badge tone={u.role === "admin" ? "violet" : "slate"}>
                        {ROLE_LABELS[u.role]}
                      </Badge>
                    </Td>
                    <Td className="max-w-56 text-xs text-slate-600">
                      {SCOPED_ROLES.includes(u.role)
                        ? scopeNames.length
                          ? scopeNames.join(", ")
                          : "All"
                        : "Whole tenant"}
                    </Td>
                    <Td className="text-xs text-slate-600">
                      {u.groups.map((g) => g.name).join(", ") || "—"}
                    </Td>
                    <Td>
                      {u.active ? (
                        <Badge tone="green">Active</Badge>
                      ) : (
                        <Badge tone="red">Deactivated</Badge>
                      )}
                      <div className="mt-0.5 text-xs text-slate-400">
                        {u.lastSignInAt ? (
                          <RelativeTime prefix="signed in " date={u.lastSignInAt} />
                        ) : (
                          "never signed in"
                        )}
                      </div>
                    </Td>
                    <Td className="text-right">
                      <Button
                        variant="ghost"
                        onClick={() => setEditing(editing === u.id ? null : u.id)}
                        aria-label={`Edit ${u.name}`}
                      >
                        Edit
                      </Button>
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </Card>
        {editUser ? (
          // beside the table on wide screens, above it otherwise, so it is never off-screen
          <div className="order-first 2xl:order-none">
            <EditUser
              key={editUser.id}
              user={editUser}
              options={options}
              onClose={() => setEditing(null)}
            />
          </div>
        ) : null}
      </div>
    </>
  );
}
