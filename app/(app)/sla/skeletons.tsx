/**
 * What the SLA page shows while its parts stream in, each the size of what comes so nothing
 * below it jumps: the list fills the table's 70vh, the detail panel its first screen, the
 * charts their frames.
 */
const bar = "animate-pulse rounded bg-slate-100";

export function RiskSkeleton() {
  return (
    <div
      role="status"
      aria-label="Loading the tickets"
      className="h-[70vh] overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs"
    >
      <div className="h-8 border-b border-slate-200 bg-slate-50" />
      {Array.from({ length: 16 }, (_, i) => (
        <div key={i} className="flex items-center gap-4 border-b border-slate-100 px-4 py-3">
          <div className={`h-5 w-20 ${bar}`} />
          <div className={`h-4 flex-1 ${bar}`} />
          <div className={`hidden h-4 w-24 md:block ${bar}`} />
          <div className={`hidden h-4 w-16 sm:block ${bar}`} />
        </div>
      ))}
    </div>
  );
}

export function DetailSkeleton() {
  return (
    <div
      role="status"
      aria-label="Loading the ticket"
      className="h-[calc(100vh-2rem)] max-h-[48rem] space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
    >
      <div className={`h-5 w-2/3 ${bar}`} />
      <div className={`h-4 w-1/2 ${bar}`} />
      <div className={`h-24 ${bar}`} />
      <div className={`h-40 ${bar}`} />
    </div>
  );
}

/** The five chart frames of the trends grid, at the heights of sla-charts.tsx. */
export function ChartsSkeleton() {
  return (
    <div
      role="status"
      aria-label="Loading charts"
      className="grid gap-4 md:grid-cols-2 2xl:grid-cols-3"
    >
      {[290, 290, 290, 230, 290].map((h, i) => (
        <div
          key={i}
          style={{ height: h }}
          className="animate-pulse rounded-lg border border-slate-200 bg-white shadow-xs"
        />
      ))}
    </div>
  );
}
