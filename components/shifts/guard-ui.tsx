import Link from "next/link";
import { useId, type ButtonHTMLAttributes } from "react";
import { Badge, type Tone as BadgeTone } from "@/components/ui/badge";
import { SHIFT_STATE_LABELS, type ShiftState } from "@/lib/shifts";
import type { ResultLine, Tone } from "./guard-result";

/** The guard's pages are used with one thumb: every control is at least 48 px tall. */
const BIG =
  "inline-flex min-h-14 w-full items-center justify-center gap-2 rounded-xl px-4 text-lg font-semibold transition-colors focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:cursor-not-allowed";
const BIG_VARIANTS = {
  primary: "bg-sky-700 text-white hover:bg-sky-800 disabled:bg-sky-700/60",
  dark: "bg-slate-800 text-white hover:bg-slate-900 disabled:bg-slate-800/60",
  secondary: "bg-white text-slate-900 ring-2 ring-slate-300 hover:bg-slate-50 disabled:opacity-60",
} as const;

export function GuardButton({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof BIG_VARIANTS }) {
  return (
    <button type="button" className={`${BIG} ${BIG_VARIANTS[variant]} ${className}`} {...props} />
  );
}

export function GuardLinkButton({
  href,
  children,
  variant = "secondary",
}: {
  href: string;
  children: React.ReactNode;
  variant?: keyof typeof BIG_VARIANTS;
}) {
  return (
    <Link href={href} className={`${BIG} ${BIG_VARIANTS[variant]}`}>
      {children}
    </Link>
  );
}

/** A titled block of the phone page (a <section> named by its heading). */
export function GuardSection({ title, children }: { title: string; children: React.ReactNode }) {
  const heading = useId();
  return (
    <section
      aria-labelledby={heading}
      className="rounded-2xl border border-slate-200 bg-white p-4 shadow-xs"
    >
      <h2 id={heading} className="mb-3 text-base font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

const STATE_TONES: Record<ShiftState, BadgeTone> = {
  upcoming: "sky",
  on_duty: "green",
  late: "amber",
  no_show: "red",
  wrong_site: "red",
  uncertain: "amber",
  completed: "slate",
  excused: "violet",
  cancelled: "slate",
};

export function GuardStateBadge({ state }: { state: ShiftState }) {
  return <Badge tone={STATE_TONES[state]}>{SHIFT_STATE_LABELS[state]}</Badge>;
}

const LINE_STYLE: Record<Tone, { icon: string; label: string; className: string }> = {
  good: { icon: "✓", label: "Good", className: "text-emerald-800" },
  warn: { icon: "!", label: "Note", className: "text-amber-800" },
  bad: { icon: "✕", label: "Problem", className: "text-red-800" },
};

/** A result line: a symbol and words, never colour alone. */
export function GuardLine({ line }: { line: ResultLine }) {
  const s = LINE_STYLE[line.tone];
  return (
    <li className={`flex gap-2 text-base ${s.className}`}>
      <span aria-hidden className="w-5 shrink-0 text-center font-bold">
        {s.icon}
      </span>
      <span>
        <span className="sr-only">{s.label}: </span>
        {line.text}
      </span>
    </li>
  );
}
