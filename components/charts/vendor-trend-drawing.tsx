"use client";

import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { AXIS, TOOLTIP_STYLE } from "./chart-frame";
import {
  COMPONENTS,
  COMPONENT_COLOURS,
  COMPONENT_LABELS,
  trendData,
  type TrendMonth,
} from "./vendor-data";

/** The drawing of VendorTrendChart (vendor-trend.tsx), loaded after the page. */
export default function VendorTrendDrawing({ months }: { months: readonly TrendMonth[] }) {
  const data = trendData(months);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={data} margin={{ top: 6, right: 8, bottom: 0, left: -20 }}>
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="label" tick={AXIS} interval="preserveStartEnd" />
        <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={AXIS} />
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={(label, p) =>
            `${String(label)} · ${String(p[0]?.payload?.orders ?? 0)} orders`
          }
          formatter={(v, name) =>
            Array.isArray(v)
              ? [`${Math.round(Number(v[0]))}–${Math.round(Number(v[1]))}`, name]
              : [Math.round(Number(v)), name]
          }
        />
        <Legend wrapperStyle={{ fontSize: 11 }} iconSize={10} itemSorter={null} />
        <Area
          dataKey="band"
          name="Uncertainty"
          fill="#bae6fd"
          fillOpacity={0.35}
          stroke="none"
          isAnimationActive={false}
          legendType="none"
        />
        {COMPONENTS.map((key) => (
          <Line
            key={key}
            dataKey={key}
            name={COMPONENT_LABELS[key]}
            stroke={COMPONENT_COLOURS[key]}
            strokeOpacity={0.55}
            strokeWidth={1}
            dot={false}
            isAnimationActive={false}
          />
        ))}
        <Line
          dataKey="tenant"
          name="Tenant average"
          stroke="#64748b"
          strokeDasharray="4 4"
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="overall"
          name="Overall"
          stroke="#0f172a"
          strokeWidth={2.5}
          dot={{ r: 3 }}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
