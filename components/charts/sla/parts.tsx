"use client";

import { Rectangle, type BarShapeProps } from "recharts";

export const pctTick = (v: number) => `${v}%`;

/** Bars painted with the colour each data point carries (`colour`). */
export function ColouredBar(props: BarShapeProps) {
  const colour = (props.payload as { colour?: string } | undefined)?.colour ?? props.fill;
  return <Rectangle {...props} fill={colour} />;
}

/** A legend drawn by hand, so its swatches are exactly the colours the marks use. */
export function ChartLegend({
  items,
}: {
  items: readonly { label: string; colour: string; shape?: "box" | "bar" | "ring" | "dot" }[];
}) {
  return (
    <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-[11px] text-slate-600">
      {items.map((i) => (
        <li key={i.label} className="inline-flex items-center gap-1">
          <span
            aria-hidden="true"
            className={
              i.shape === "bar"
                ? "inline-block h-3 w-[3px]"
                : i.shape === "ring"
                  ? "inline-block size-2.5 rounded-full border-2 bg-white"
                  : i.shape === "dot"
                    ? "inline-block size-2.5 rounded-full"
                    : "inline-block size-2.5 rounded-sm"
            }
            style={i.shape === "ring" ? { borderColor: i.colour } : { background: i.colour }}
          />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
