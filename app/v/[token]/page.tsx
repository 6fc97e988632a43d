import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { formatHours, zoneLongName } from "@/lib/format";
import { WORK_ORDER_STATUS_LABELS } from "@/lib/work-orders";
import { portalPageView } from "@/server/api/portal";
import { telHref } from "@/lib/schemas/common";
import { PortalActions } from "./actions";
import { LocalTime } from "./local-time";
import { NoteForm } from "./note-form";
import { UploadForm } from "./upload-form";
import { Attachments, categoryLabel, Detail, History, mapsUrl, PriorityBadge } from "./parts";
import { StatusBadge } from "@/components/ui/status-badge";

/** A home-screen icon added from this page opens this work order, not the staff login. */
export async function generateMetadata({
  params,
}: {
  params: Promise<{ token: string }>;
}): Promise<Metadata> {
  const { token } = await params;
  return { manifest: `/v/${encodeURIComponent(token)}/manifest.webmanifest` };
}

/** The vendor's page for one work order, opened from the link it was sent (no sign-in). */
export default async function PortalPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await portalPageView(await headers(), token, new Date());
  if (!view) notFound();
  const base = `/api/v/${encodeURIComponent(token)}`;

  return (
    <>
      <header className="mb-3 rounded-lg border border-slate-200 bg-white px-4 py-4 shadow-xs">
        <p className="text-sm text-slate-500">
          Work order #{view.number} · {view.clientName}
        </p>
        <h1 className="mt-1 text-xl font-semibold tracking-tight text-slate-900">{view.title}</h1>
        <div className="mt-2 flex flex-wrap gap-2">
          <StatusBadge kind="workOrder" status={view.status} />
          <PriorityBadge priority={view.priority} />
        </div>
        <dl className="mt-2 grid grid-cols-2 gap-x-3">
          <Detail label="Due">
            {view.dueAt ? (
              <>
                <LocalTime iso={view.dueAt.toISOString()} timeZone={view.siteTimeZone} />
                <span className="block text-xs text-slate-500">
                  {zoneLongName(view.dueAt.toISOString(), view.siteTimeZone)}
                </span>
              </>
            ) : (
              "No due time"
            )}
          </Detail>
          {view.vendorName ? <Detail label="For">{view.vendorName}</Detail> : null}
        </dl>
      </header>
      <main className="space-y-3">
        {view.readOnly ? (
          <p
            role="status"
            className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-base text-slate-700"
          >
            This work order is {WORK_ORDER_STATUS_LABELS[view.status].toLowerCase()}. It is shown
            for reference and can no longer be changed from this link.
          </p>
        ) : (
          <Card title="What to do now">
            <div className="p-4">
              <PortalActions
                base={base}
                status={view.status}
                next={view.next}
                mayDecline={view.mayDecline}
                mayHeadOut={view.mayHeadOut}
              />
            </div>
          </Card>
        )}

        <Card title="What is expected">
          <dl className="grid grid-cols-2 gap-x-3 px-4 pt-2">
            <Detail label="Category">{categoryLabel(view.category)}</Detail>
            <Detail label="Estimate">
              {view.estimateHours != null ? formatHours(view.estimateHours) : "Not given"}
            </Detail>
          </dl>
          <p className="whitespace-pre-wrap break-words px-4 pb-4 pt-2 text-base text-slate-800">
            {view.description || "No further description."}
          </p>
        </Card>

        <Card title="Site and contact">
          <dl className="px-4 py-2">
            <Detail label="Site">{view.siteName}</Detail>
            {view.siteAddress ? (
              <Detail label="Address">
                <a
                  href={mapsUrl(view.siteAddress)}
                  target="_blank"
                  rel="noreferrer"
                  className="text-sky-700 underline underline-offset-2"
                >
                  {view.siteAddress}
                </a>
              </Detail>
            ) : null}
            {view.sitePhone ? (
              <Detail label="Site phone">
                <a
                  href={telHref(view.sitePhone)}
                  className="inline-flex min-h-11 items-center gap-2 rounded-md bg-sky-50 px-3 font-medium text-sky-800 ring-1 ring-sky-200 hover:bg-sky-100"
                >
                  <svg
                    aria-hidden="true"
                    viewBox="0 0 24 24"
                    className="size-4 fill-none stroke-current stroke-2"
                  >
                    <path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" />
                  </svg>
                  Call {view.sitePhone}
                </a>
              </Detail>
            ) : null}
            {view.contactName ? (
              <Detail label="Contact">
                {view.contactName}
                {view.contactEmail ? (
                  <>
                    {" · "}
                    <a
                      href={`mailto:${view.contactEmail}`}
                      className="break-all text-sky-700 underline underline-offset-2"
                    >
                      {view.contactEmail}
                    </a>
                  </>
                ) : null}
              </Detail>
            ) : null}
          </dl>
        </Card>

        <Card title="Photos and files">
          <div className="space-y-4 p-4">
            {view.readOnly ? null : <UploadForm base={base} />}
            <Attachments base={base} files={view.attachments} />
          </div>
        </Card>

        {view.readOnly ? null : (
          <Card title="Add a note">
            <div className="p-4">
              <NoteForm base={base} />
            </div>
          </Card>
        )}

        <Card title="History">
          <History events={view.events} timeZone={view.siteTimeZone} />
        </Card>
      </main>
    </>
  );
}
