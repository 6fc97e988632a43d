import Link from "next/link";
import { Card } from "@/components/ui/card";

const TONES = { red: "text-red-700", amber: "text-amber-700" } as const;

/** The grid of a card's figures, by how many it holds (four stack two by two on a phone). */
const GRIDS = { 2: "grid-cols-2", 3: "grid-cols-3", 4: "grid-cols-2 sm:grid-cols-4" } as const;

export type FigureSpec = {
  label: string;
  value: number;
  /** the page that lists what it counts, when there is one */
  href?: string;
  /** the colour it takes when it is not zero */
  tone?: keyof typeof TONES;
  hint?: string;
};

/** One card of the overview: its figures side by side, then what the card adds below them. */
export function FigureCard({
  title,
  figures,
  children,
}: {
  title: string;
  figures: FigureSpec[];
  children?: React.ReactNode;
}) {
  const grid = GRIDS[figures.length as keyof typeof GRIDS] ?? GRIDS[4];
  return (
    <Card title={title}>
      <div className={`grid ${grid} gap-px bg-slate-100`}>
        {figures.map((f) => (
          <Figure key={f.label} {...f} tone={f.value ? f.tone : undefined} />
        ))}
      </div>
      {children}
    </Card>
  );
}

/** One number on the overview: a link to the page that lists what it counts, when there is one. */
function Figure({ label, value, href, tone, hint }: FigureSpec) {
  const body = (
    <>
      <span className="block text-xs font-medium uppercase tracking-wide text-slate-500">
        {label}
      </span>
      <span
        className={`mt-1 block text-2xl font-semibold tabular-nums ${tone ? TONES[tone] : "text-slate-900"}`}
      >
        {value}
      </span>
      {hint ? <span className="block text-xs text-slate-400">{hint}</span> : null}
    </>
  );
  return href ? (
    <Link
      href={href}
      aria-label={`${label}: ${value}`}
      className="block bg-white px-4 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-600"
    >
      {body}
    </Link>
  ) : (
    <div className="bg-white px-4 py-3">{body}</div>
  );
}
