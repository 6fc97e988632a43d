import { Badge, type Tone } from "@/components/ui/badge";
import {
  WORK_ORDER_CATEGORY_LABELS,
  WORK_ORDER_STATUS_LABELS,
  type WorkOrderCategory,
  type WorkOrderPriority,
  type WorkOrderStatus,
} from "@/lib/work-orders";
import type { PortalView } from "@/server/api/portal";
import { LocalTime } from "./local-time";

const PRIORITY_TONE: Record<WorkOrderPriority, Tone> = {
  low: "slate",
  normal: "slate",
  high: "amber",
  urgent: "red",
};

export function PriorityBadge({ priority }: { priority: WorkOrderPriority }) {
  return (
    <Badge tone={PRIORITY_TONE[priority]}>
      {priority.charAt(0).toUpperCase() + priority.slice(1)} priority
    </Badge>
  );
}

export function categoryLabel(category: string): string {
  return WORK_ORDER_CATEGORY_LABELS[category as WorkOrderCategory] ?? category;
}

/** One labelled value in a detail list, stacked so it reads on a narrow phone. */
export function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="py-2">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-base text-slate-900">{children}</dd>
    </div>
  );
}

/** A map search for the address; only the address leaves, never the link (no referrer). */
export function mapsUrl(address: string): string {
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`;
}

type PortalEvent = PortalView["events"][number];

function statusLabel(s: string | null): string {
  return s ? (WORK_ORDER_STATUS_LABELS[s as WorkOrderStatus] ?? s) : "";
}

function eventTitle(e: PortalEvent): string {
  switch (e.kind) {
    case "status":
      return e.from ? `${statusLabel(e.from)} → ${statusLabel(e.to)}` : "Work order created";
    case "assign":
      return "Assigned";
    case "note":
      return "Note";
    case "attachment":
      return "File added";
    case "on_my_way":
      return "On the way";
    case "declined":
      return "Declined";
    default:
      return e.kind.charAt(0).toUpperCase() + e.kind.slice(1);
  }
}

/** Status changes, notes and files, newest first. */
export function History({
  events,
  timeZone,
}: {
  events: PortalEvent[];
  timeZone?: string | undefined;
}) {
  if (!events.length) return <p className="px-4 py-4 text-sm text-slate-500">Nothing yet.</p>;
  return (
    <ol className="divide-y divide-slate-100" aria-label="History">
      {[...events].reverse().map((e, i) => (
        <li key={`${e.at.toISOString()}-${i}`} className="px-4 py-3">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <span className="text-sm font-medium text-slate-900">{eventTitle(e)}</span>
            <span className="text-xs text-slate-500">
              <LocalTime iso={e.at.toISOString()} timeZone={timeZone} />
            </span>
          </div>
          {e.note ? (
            <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">{e.note}</p>
          ) : null}
          <p className="mt-0.5 text-xs text-slate-500">
            {e.actor === "vendor link" ? "You (this link)" : e.actor}
          </p>
        </li>
      ))}
    </ol>
  );
}

/** The order's files: images as thumbnails, PDFs as a labelled tile; all via the link's URL. */
export function Attachments({ base, files }: { base: string; files: PortalView["attachments"] }) {
  if (!files.length) return <p className="text-sm text-slate-500">No photos or files yet.</p>;
  return (
    <ul className="grid grid-cols-3 gap-2" aria-label="Attachments">
      {files.map((f) => {
        const url = `${base}/attachments/${f.id}`;
        return (
          <li key={f.id} className="min-w-0">
            <a
              href={url}
              target="_blank"
              rel="noreferrer"
              className="block overflow-hidden rounded-md border border-slate-200 bg-slate-100"
            >
              {f.mime.startsWith("image/") ? (
                // private, no-store files behind the token: not for the image optimiser's cache
                // eslint-disable-next-line @next/next/no-img-element
                <img
                  src={url}
                  alt={f.name}
                  loading="lazy"
                  className="aspect-square w-full object-cover"
                />
              ) : (
                <span className="flex aspect-square w-full items-center justify-center text-sm font-semibold text-slate-600">
                  PDF
                </span>
              )}
            </a>
            <p className="mt-1 truncate text-xs text-slate-600" title={f.name}>
              {f.name}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
