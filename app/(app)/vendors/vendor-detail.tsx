"use client";

import { useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { documentState, scoreText } from "@/components/charts/vendor-data";
import { VendorTrendChart } from "@/components/charts/vendor-trend";
import { PermittedLink } from "@/components/shell/permitted-link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ScoreBars } from "@/components/vendors/score-bars";
import { formatDay } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { WORK_ORDER_CATEGORY_LABELS, type WorkOrderCategory } from "@/lib/work-orders";
import { AddDocumentForm } from "./add-document";
import {
  DoNotDispatchBadge,
  FewOrdersBadge,
  type Ranked,
  type VendorListItem,
} from "./rankings-table";
import { TREND_MONTHS } from "./search-params";

const notAvailable = (err: unknown) =>
  err instanceof TRPCClientError &&
  ["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"].includes(
    (err.data as { code?: string } | undefined)?.code ?? "",
  );

const KIND_LABELS: Record<string, string> = {
  insurance: "Insurance",
  licence: "Licence",
  certification: "Certification",
  other: "Other",
};

/** The selected vendor: its score this period, its trend, contact and compliance documents. */
export function VendorDetail({
  vendorId,
  days,
  ranked,
  vendor,
  canList,
  listLoading,
  canEdit,
  onClose,
}: {
  vendorId: string;
  days: number;
  ranked: readonly Ranked[] | undefined;
  vendor: VendorListItem | undefined;
  canList: boolean;
  listLoading: boolean;
  canEdit: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const trend = useQuery({
    ...trpc.vendor.trend.queryOptions({ vendorId, months: TREND_MONTHS }),
    retry: (n, err) => !notAvailable(err) && n < 2,
  });
  const close = (
    <Button variant="ghost" onClick={onClose}>
      Close
    </Button>
  );
  const name = trend.data?.name ?? vendor?.name;
  if (!name) {
    return (
      <Card title="Vendor" actions={close}>
        <p className="p-4 text-sm text-slate-500" role="status">
          {trend.isError ? "This vendor is not available to you." : "Loading…"}
        </p>
      </Card>
    );
  }
  const r = ranked?.find((x) => x.vendorId === vendorId);
  const total = ranked?.length ?? 0;
  const today = new Date().toISOString().slice(0, 10);

  return (
    <section
      aria-label={`Vendor ${name}`}
      className="min-w-0 rounded-lg border border-slate-200 bg-white shadow-xs"
    >
      <header className="flex items-start justify-between gap-3 border-b border-slate-200 px-4 py-2.5">
        <div className="min-w-0">
          <h2 className="text-base font-semibold text-slate-900">{name}</h2>
          <div className="mt-1 flex flex-wrap gap-1">
            {vendor?.doNotDispatch ? <DoNotDispatchBadge expired={vendor.expired} /> : null}
            {r?.unreliable ? <FewOrdersBadge /> : null}
            {vendor?.trades.map((t) => (
              <Badge key={t}>{WORK_ORDER_CATEGORY_LABELS[t as WorkOrderCategory] ?? t}</Badge>
            ))}
          </div>
        </div>
        {close}
      </header>

      <div className="space-y-4 p-4">
        <div className="flex flex-wrap items-start justify-between gap-4">
          {r ? (
            <div className="text-sm">
              <div className="text-xs text-slate-500">
                Last {days} days · rank {r.rank} of {total}
              </div>
              <div className="text-2xl font-semibold tabular-nums">
                {scoreText(r.overall, r.uncertainty)}
              </div>
              <div className="text-xs text-slate-500">
                {r.orders} orders
                {r.rawOverall !== null ? ` · ${Math.round(r.rawOverall)} before adjusting` : ""}
              </div>
            </div>
          ) : ranked ? (
            <p className="text-sm text-slate-500">
              Not ranked: no completed orders in the last {days} days.
            </p>
          ) : null}
          {r ? (
            <div className="w-full max-w-60">
              <ScoreBars components={r.components} missing={r.missing} />
            </div>
          ) : null}
        </div>

        {trend.data ? (
          <VendorTrendChart months={trend.data.months} />
        ) : (
          <p className="text-sm text-slate-500" role="status">
            {trend.isError ? "The trend could not be loaded." : "Loading the trend…"}
          </p>
        )}

        <PermittedLink
          href={`/work-orders?vendorId=${vendorId}&all=1`}
          className="inline-flex items-center rounded-md px-3 py-1.5 text-sm font-medium text-sky-800 ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600"
        >
          Work orders →
        </PermittedLink>

        {canList ? (
          vendor ? (
            <>
              <section aria-label="Contact" className="text-sm">
                <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
                  Contact
                </h3>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
                  <dt className="text-slate-500">Name</dt>
                  <dd>{vendor.contactName || "—"}</dd>
                  <dt className="text-slate-500">E-mail</dt>
                  <dd className="break-all">
                    <a className="text-sky-800 hover:underline" href={`mailto:${vendor.email}`}>
                      {vendor.email}
                    </a>
                  </dd>
                  <dt className="text-slate-500">Phone</dt>
                  <dd>
                    {vendor.phone ? (
                      <a className="text-sky-800 hover:underline" href={`tel:${vendor.phone}`}>
                        {vendor.phone}
                      </a>
                    ) : (
                      "—"
                    )}
                  </dd>
                </dl>
              </section>

              <section aria-label="Compliance documents" className="text-sm">
                <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
                  Compliance documents
                </h3>
                {vendor.documents.length ? (
                  <ul className="mt-1 divide-y divide-slate-100">
                    {vendor.documents.map((d) => {
                      const state = documentState(d.expiresOn, today);
                      return (
                        <li
                          key={d.id}
                          className="flex flex-wrap items-center justify-between gap-2 py-1.5"
                        >
                          <span>
                            <span className="font-medium">{d.name}</span>{" "}
                            <span className="text-xs text-slate-500">
                              {KIND_LABELS[d.kind] ?? d.kind}
                            </span>
                          </span>
                          <span
                            className={`text-xs tabular-nums ${state === "expired" ? "font-semibold text-red-700" : state === "soon" ? "font-medium text-amber-700" : "text-slate-600"}`}
                          >
                            {state === "expired" ? (
                              <Badge tone="red">Expired</Badge>
                            ) : state === "soon" ? (
                              <Badge tone="amber">Expires soon</Badge>
                            ) : (
                              "expires"
                            )}{" "}
                            <time dateTime={d.expiresOn}>
                              {formatDay(d.expiresOn, { year: true })}
                            </time>
                          </span>
                        </li>
                      );
                    })}
                  </ul>
                ) : (
                  <p className="mt-1 text-slate-500">No documents on file.</p>
                )}
                {canEdit ? <AddDocumentForm key={vendorId} vendorId={vendorId} /> : null}
              </section>
            </>
          ) : (
            <p className="text-sm text-slate-500" role="status">
              {listLoading ? "Loading contact and documents…" : "Contact details not available."}
            </p>
          )
        ) : (
          <p className="text-xs text-slate-500">
            Contacts and compliance documents are shown to admins, supervisors and site managers.
          </p>
        )}
      </div>
    </section>
  );
}
