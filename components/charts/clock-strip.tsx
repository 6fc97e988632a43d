import { formatMinutes } from "@/lib/format";
import { SPAN_LABELS, spanSegments, spanTotals, type Span, type SpanKind } from "./sla-timeline";

const COLOURS: Record<SpanKind, string> = {
  running: "bg-sky-600",
  paused: "bg-amber-400",
  closed: "bg-slate-200",
};

/**
 * One SLA clock as a strip from the ticket's opening to now (or when it stopped): when it
 * counted, when it stood still waiting on the customer, and time outside working hours.
 */
export function ClockStrip({ label, spans }: { label: string; spans: readonly Span[] }) {
  const segments = spanSegments(spans);
  if (!segments.length) return null;
  const totals = spanTotals(spans);
  const kinds = (Object.keys(totals) as SpanKind[]).filter((k) => totals[k] > 0);
  return (
    <div>
      <div
        role="img"
        aria-label={`${label}: ${kinds.map((k) => `${formatMinutes(totals[k])} ${SPAN_LABELS[k]}`).join(", ")}`}
        className="relative h-3 w-full overflow-hidden rounded bg-slate-100"
      >
        {segments.map((s) => (
          <div
            key={`${s.kind}-${s.from.getTime()}`}
            className={`absolute inset-y-0 ${COLOURS[s.kind]}`}
            style={{ left: `${s.leftPct}%`, width: `max(${s.widthPct}%, 1px)` }}
            title={`${SPAN_LABELS[s.kind]}: ${formatMinutes(s.minutes)}`}
          />
        ))}
      </div>
      <ul className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-600">
        {kinds.map((k) => (
          <li key={k} className="flex items-center gap-1">
            <span className={`inline-block size-2 rounded-sm ${COLOURS[k]}`} aria-hidden="true" />
            {SPAN_LABELS[k]} {formatMinutes(totals[k])}
          </li>
        ))}
      </ul>
    </div>
  );
}
