import {
  COMPONENTS,
  COMPONENT_COLOURS,
  COMPONENT_LABELS,
  type ComponentKey,
} from "@/components/charts/vendor-data";

/**
 * One horizontal bar 0–100 per score component, with its number: how a vendor's overall
 * score is made. `missing` components (no data of its own) carry the tenant mean, shown hatched.
 */
export function ScoreBar({
  label,
  value,
  colour,
  missing = false,
}: {
  label: string;
  value: number | null;
  colour: string;
  missing?: boolean;
}) {
  const pct = value === null ? 0 : Math.max(0, Math.min(100, value));
  return (
    <div
      role="img"
      aria-label={`${label} ${value === null ? "no data" : Math.round(value)}${missing ? " (tenant average, no data of its own)" : ""}`}
      className="flex min-w-20 items-center gap-1.5"
    >
      <div className="h-2 flex-1 overflow-hidden rounded-full bg-slate-100">
        <div
          className="h-full rounded-full"
          style={{
            width: `${pct}%`,
            background: missing
              ? `repeating-linear-gradient(45deg, ${colour}55 0 3px, transparent 3px 6px)`
              : colour,
          }}
        />
      </div>
      <span className="w-7 text-right text-xs text-slate-700 tabular-nums">
        {value === null ? "—" : Math.round(value)}
      </span>
    </div>
  );
}

/** The four components stacked, labelled: for narrow screens and the drill-down panel. */
export function ScoreBars({
  components,
  missing = [],
}: {
  components: Record<ComponentKey, number | null>;
  missing?: readonly string[];
}) {
  return (
    <div className="grid grid-cols-[auto_1fr] items-center gap-x-2 gap-y-1">
      {COMPONENTS.map((key) => (
        <div key={key} className="contents">
          <span className="text-xs text-slate-500">{COMPONENT_LABELS[key]}</span>
          <ScoreBar
            label={COMPONENT_LABELS[key]}
            value={components[key]}
            colour={COMPONENT_COLOURS[key]}
            missing={missing.includes(key)}
          />
        </div>
      ))}
    </div>
  );
}
