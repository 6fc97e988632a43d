import { inPlace } from "@/lib/links";

export type BoardPage = { index: number; pages: number; perPage: number; total: number };

const LINK =
  "rounded-md bg-white px-3 py-1 font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600";

/**
 * "Sites 11–20 of 984" with the previous and next pages as links: a plain link works before the
 * page hydrates; once it has, `onPage` moves without a reload.
 */
export function BoardPager({
  page,
  href,
  onPage,
  label = "sites",
}: {
  page: BoardPage;
  href: (page: number) => string;
  onPage: (page: number) => void;
  label?: string;
}) {
  if (page.pages <= 1) return null;
  const first = (page.index - 1) * page.perPage + 1;
  const last = Math.min(page.total, page.index * page.perPage);
  const go = (n: number) => inPlace(() => onPage(n));
  return (
    <nav
      aria-label={`Pages of ${label}`}
      className="flex flex-wrap items-center justify-between gap-2 text-sm"
    >
      <span className="text-slate-600 tabular-nums">
        {label[0]?.toUpperCase()}
        {label.slice(1)} {first}–{last} of {page.total} · page {page.index} of {page.pages}
      </span>
      <span className="flex gap-2">
        {page.index > 1 ? (
          <a href={href(page.index - 1)} onClick={go(page.index - 1)} className={LINK}>
            ← Previous
          </a>
        ) : null}
        {page.index < page.pages ? (
          <a href={href(page.index + 1)} onClick={go(page.index + 1)} className={LINK}>
            Next →
          </a>
        ) : null}
      </span>
    </nav>
  );
}
