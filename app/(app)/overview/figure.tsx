import Link from "next/link";

const TONES = { red: "text-red-700", amber: "text-amber-700" } as const;

/** One number on the overview: a link to the page that lists what it counts, when there is one. */
export function Figure({
  label,
  value,
  href,
  tone,
  hint,
}: {
  label: string;
  value: number;
  href?: string;
  tone?: keyof typeof TONES;
  hint?: string;
}) {
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
