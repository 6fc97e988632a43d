const bar = "animate-pulse rounded bg-slate-100";

/**
 * A page's frame while its server component waits for its data (a route's `loading.tsx`): the
 * title, a row of filters and the main card, so the shell paints at once and the page streams
 * in where the frame stood.
 */
export function PageSkeleton({ label = "Loading the page" }: { label?: string }) {
  return (
    <div role="status" aria-label={label}>
      <div className="mb-5 space-y-2">
        <div className={`h-7 w-48 ${bar}`} />
        <div className={`h-4 w-96 max-w-full ${bar}`} />
      </div>
      <div className="mb-3 flex flex-wrap gap-2">
        {[160, 160, 120, 120].map((w, i) => (
          <div key={i} style={{ width: w }} className={`h-9 ${bar}`} />
        ))}
      </div>
      <div className="h-[70vh] rounded-lg border border-slate-200 bg-white shadow-xs" />
    </div>
  );
}
