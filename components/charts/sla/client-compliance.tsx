"use client";

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type YAxisTickContentProps,
} from "recharts";
import { AXIS, ChartFrame, TOOLTIP_STYLE } from "../chart-frame";
import { perClientData } from "../sla-data";
import { ChartLegend, ColouredBar, pctTick } from "./parts";

const MEETS = "#0284c7";
const BELOW = "#dc2626";
const TARGET = "#0f172a";
/** Room for two lines of a client's name beside its bar. */
const NAME_WIDTH = 132;

/** A contract target: a short upright mark across the client's bar. */
function TargetMark(props: { cx?: number; cy?: number; index?: number }) {
  if (props.cx === undefined || props.cy === undefined || Number.isNaN(props.cx))
    return <g key={props.index} />;
  return (
    <rect
      key={props.index}
      x={props.cx - 1.5}
      y={props.cy - 9}
      width={3}
      height={18}
      fill={TARGET}
    />
  );
}

type Row = ReturnType<typeof perClientData>[number];

/** A client's name on the axis, on up to two lines, whole in its title. */
function NameTick(props: { x?: number | string; y?: number | string; value: string; rows: Row[] }) {
  const row = props.rows.find((r) => r.client === props.value);
  const lines = row?.lines ?? [props.value];
  const x = Number(props.x ?? 0);
  const y = Number(props.y ?? 0) - ((lines.length - 1) * 12) / 2;
  return (
    <text x={x} y={y} textAnchor="end" dominantBaseline="middle" {...AXIS}>
      <title>{row?.client}</title>
      {lines.map((l, i) => (
        <tspan key={i} x={x} dy={i ? 12 : 0}>
          {l}
        </tspan>
      ))}
    </text>
  );
}

/**
 * SLA met % per client over 30 days, worst first, with each contract's target as a mark. A
 * large tenant's clients beyond the worst few are counted (`more`), not drawn.
 */
export function ClientCompliance({
  rows,
  more = { clients: 0, belowTarget: 0 },
}: {
  rows: readonly { client: string; resolved: number; metPct: number; target: number | null }[];
  more?: { clients: number; belowTarget: number };
}) {
  const data = perClientData(rows).map((r) => ({ ...r, colour: r.belowTarget ? BELOW : MEETS }));
  const below = data.filter((d) => d.belowTarget).map((d) => d.client);
  const rest = more.clients
    ? ` The worst ${data.length} of ${data.length + more.clients} clients are drawn; ${more.clients} more not shown${more.belowTarget ? `, ${more.belowTarget} of them below target` : ", all meeting their targets"}.`
    : "";
  return (
    <ChartFrame
      title="SLA compliance per client"
      summary={
        (below.length
          ? `Below contract target: ${below.join(", ")}.`
          : more.belowTarget
            ? "Last 30 days; the clients drawn meet their targets."
            : "Last 30 days; every client with a target meets it.") + rest
      }
      height={Math.max(160, data.length * 38 + 30)}
      empty={!data.length}
      footer={
        <ChartLegend
          items={[
            { label: "SLA met, meets target", colour: MEETS },
            { label: "SLA met, below target", colour: BELOW },
            { label: "Contract target", colour: TARGET, shape: "bar" },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={data}
          layout="vertical"
          margin={{ top: 4, right: 12, bottom: 0, left: 0 }}
        >
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" domain={[0, 100]} tick={AXIS} tickFormatter={pctTick} />
          <YAxis
            type="category"
            dataKey="client"
            width={NAME_WIDTH}
            tick={(p: YAxisTickContentProps) => (
              <NameTick x={p.x} y={p.y} value={String(p.payload.value ?? "")} rows={data} />
            )}
            interval={0}
          />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            labelFormatter={(_, p) =>
              `${String(p[0]?.payload?.client ?? "")} (${String(p[0]?.payload?.resolved ?? 0)} resolved)`
            }
            formatter={(v, name) => [v === null || v === undefined ? "—" : `${String(v)}%`, name]}
          />
          <Bar
            dataKey="metPct"
            name="SLA met"
            fill={MEETS}
            shape={ColouredBar}
            barSize={14}
            isAnimationActive={false}
          />
          <Line
            dataKey="target"
            name="Contract target"
            stroke={TARGET}
            strokeWidth={0}
            dot={TargetMark}
            activeDot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
