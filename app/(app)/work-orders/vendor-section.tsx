"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { canReassign, type WorkOrderStatus } from "@/lib/work-orders";
import { useRefresh } from "./use-refresh";

type VendorInfo = {
  id: string;
  name: string;
  email: string;
  phone: string;
  expired: { kind: string; name: string; expiresOn: string }[];
} | null;
type LinkInfo = { id: string; expiresAt: Date; lastUsedAt: Date | null; createdAt: Date } | null;

export function VendorSection({
  id,
  status,
  vendor,
  link,
}: {
  id: string;
  status: WorkOrderStatus;
  vendor: VendorInfo;
  link: LinkInfo;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const vendors = useQuery(trpc.vendor.list.queryOptions());
  const [choice, setChoice] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const assign = useMutation(
    trpc.workOrder.assign.mutationOptions({
      onSuccess: async (r) => {
        setWarnings(r.warnings);
        setChoice("");
        setSent(null);
        await refresh();
      },
    }),
  );
  const send = useMutation(
    trpc.workOrder.sendLink.mutationOptions({
      onSuccess: async (r) => {
        setSent(r.url);
        await refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.workOrder.revokeLink.mutationOptions({
      onSuccess: async () => {
        setSent(null);
        await refresh();
      },
    }),
  );
  const mayAssign = status === "new" || canReassign(status);
  const readOnly = ["completed", "verified", "cancelled"].includes(status);
  const candidate = vendors.data?.find((v) => v.id === choice);
  const err = assign.error ?? send.error ?? revoke.error;
  return (
    <section aria-label="Vendor" className="space-y-2 rounded-md border border-slate-200 p-3">
      <h3 className="font-semibold">Vendor</h3>
      {vendor ? (
        <div>
          <div className="font-medium">{vendor.name}</div>
          <div className="text-xs text-slate-600">
            <a className="hover:underline" href={`mailto:${vendor.email}`}>
              {vendor.email}
            </a>
            {vendor.phone ? (
              <>
                {" · "}
                <a className="hover:underline" href={`tel:${vendor.phone}`}>
                  {vendor.phone}
                </a>
              </>
            ) : null}
          </div>
          {vendor.expired.length ? (
            <p role="alert" className="mt-1 text-red-700">
              Do not dispatch:{" "}
              {vendor.expired.map((e) => `${e.name} (${e.kind}) expired ${e.expiresOn}`).join("; ")}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="text-slate-500">No vendor yet.</p>
      )}
      {/* the assignment's warnings, unless the vendor's expired documents already say it */}
      {(vendor?.expired.length ? [] : warnings).map((w) => (
        <p key={w} role="alert" className="text-red-700">
          {w}
        </p>
      ))}
      {mayAssign ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) assign.mutate({ id, vendorId: choice });
          }}
        >
          <label className="min-w-48 flex-1">
            <span className="sr-only">{vendor ? "Reassign to" : "Assign to"}</span>
            <Select
              aria-label={vendor ? "Reassign to" : "Assign to"}
              value={choice}
              onChange={(e) => setChoice(e.target.value)}
            >
              <option value="">{vendor ? "Reassign to…" : "Assign to…"}</option>
              {vendors.data
                ?.filter((v) => v.active && v.id !== vendor?.id)
                .map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                    {v.doNotDispatch ? " — do not dispatch" : ""}
                  </option>
                ))}
            </Select>
          </label>
          <Button type="submit" variant="secondary" disabled={!choice || assign.isPending}>
            {vendor ? "Reassign" : "Assign"}
          </Button>
          {candidate?.doNotDispatch ? (
            <p className="w-full text-xs text-red-700">
              {candidate.name} has an expired document; you can still assign, but should not
              dispatch.
            </p>
          ) : null}
        </form>
      ) : null}
      {vendor && !readOnly ? (
        <div className="space-y-1 border-t border-slate-100 pt-2">
          <div className="text-xs text-slate-600">
            {link ? (
              <>
                Vendor link active until {formatDateTime(link.expiresAt)} ·{" "}
                {link.lastUsedAt ? (
                  <RelativeTime date={link.lastUsedAt} prefix="opened " />
                ) : (
                  "not opened yet"
                )}
              </>
            ) : (
              "No active vendor link."
            )}
          </div>
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              disabled={send.isPending}
              onClick={() => send.mutate({ id })}
            >
              {link ? "Send a new link" : "Send link to vendor"}
            </Button>
            {link ? (
              <Button
                variant="danger"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate({ id })}
              >
                Revoke link
              </Button>
            ) : null}
          </div>
          {sent ? (
            <div className="rounded bg-emerald-50 p-2 text-xs text-emerald-900">
              E-mailed to {vendor.email}. The link (shown once, any earlier one stops working):
              <div className="mt-1 flex items-center gap-2">
                <code
                  className="min-w-0 flex-1 truncate rounded bg-white px-1 py-0.5"
                  data-testid="vendor-link"
                >
                  {sent}
                </code>
                <Button
                  variant="ghost"
                  className="!px-2 !py-0.5 text-xs"
                  onClick={() => void navigator.clipboard?.writeText(sent)}
                >
                  Copy
                </Button>
              </div>
            </div>
          ) : null}
        </div>
      ) : null}
      {err ? (
        <p role="alert" className="text-red-700">
          {errorMessage(err)}
        </p>
      ) : null}
    </section>
  );
}
