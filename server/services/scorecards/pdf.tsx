import "server-only";
import path from "node:path";
import {
  Document,
  Font,
  Page,
  Polygon,
  Polyline,
  renderToBuffer,
  StyleSheet,
  Svg,
  Text,
  View,
} from "@react-pdf/renderer";
import {
  KPI_DEFS,
  SCORECARD_SECTIONS,
  SECTION_LABELS,
  type KpiResult,
  type Rag,
} from "@/lib/scorecards";
import { formatKpiValue, monthLabel } from "@/lib/scorecard-format";

// embedded from the npm package: nothing is fetched when a PDF is drawn
const FONT_DIR = path.join(process.cwd(), "node_modules", "@fontsource", "inter", "files");
Font.register({
  family: "Inter",
  fonts: [
    { src: path.join(FONT_DIR, "inter-latin-400-normal.woff"), fontWeight: 400 },
    { src: path.join(FONT_DIR, "inter-latin-700-normal.woff"), fontWeight: 700 },
  ],
});
Font.registerHyphenationCallback((word) => [word]);

const RAG_COLOR: Record<Rag, string> = {
  red: "#b91c1c",
  amber: "#b45309",
  green: "#15803d",
  none: "#6b7280",
};
const RAG_TEXT: Record<Rag, string> = {
  red: "RED",
  amber: "AMBER",
  green: "GREEN",
  none: "N/A",
};

const s = StyleSheet.create({
  page: { fontFamily: "Inter", fontSize: 9, padding: 36, paddingBottom: 56, color: "#111827" },
  h1: { fontSize: 18, fontWeight: 700 },
  sub: { fontSize: 10, color: "#4b5563", marginTop: 2 },
  badge: {
    fontSize: 8,
    fontWeight: 700,
    color: "#ffffff",
    paddingVertical: 2,
    paddingHorizontal: 5,
  },
  box: { marginTop: 14, padding: 10, backgroundColor: "#f3f4f6" },
  h2: { fontSize: 12, fontWeight: 700, marginTop: 16, marginBottom: 4 },
  row: {
    flexDirection: "row",
    alignItems: "center",
    borderBottomWidth: 0.5,
    borderBottomColor: "#d1d5db",
    paddingVertical: 4,
  },
  head: { fontWeight: 700, color: "#374151" },
  footer: {
    position: "absolute",
    bottom: 24,
    left: 36,
    right: 36,
    fontSize: 7,
    color: "#6b7280",
    flexDirection: "row",
    justifyContent: "space-between",
  },
});
const COLS = { label: "30%", value: "14%", prev: "13%", delta: "14%", trend: "17%", rag: "12%" };

function Arrow({ k }: { k: KpiResult }) {
  if (!k.direction || k.direction === "flat") return null;
  const color = k.good == null ? "#6b7280" : k.good ? "#15803d" : "#b91c1c";
  const points = k.direction === "up" ? "0,8 4,1 8,8" : "0,1 4,8 8,1";
  return (
    <Svg width={8} height={9} style={{ marginRight: 3 }}>
      <Polygon points={points} fill={color} />
    </Svg>
  );
}

/** A 6-month sparkline drawn as vector; gaps (months without a value) are skipped. */
function Spark({ values }: { values: (number | null)[] }) {
  const known = values.flatMap((v, i) => (v == null ? [] : [{ v, i }]));
  if (known.length < 2) return <Text style={{ color: "#9ca3af" }}>—</Text>;
  const lo = Math.min(...known.map((p) => p.v));
  const hi = Math.max(...known.map((p) => p.v));
  const w = 60;
  const h = 14;
  const x = (i: number) => (i / Math.max(values.length - 1, 1)) * w;
  const y = (v: number) => (hi === lo ? h / 2 : h - ((v - lo) / (hi - lo)) * h);
  const points = known.map((p) => `${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ");
  return (
    <Svg width={w} height={h + 2}>
      <Polyline points={points} stroke="#1d4ed8" strokeWidth={1.2} fill="none" />
    </Svg>
  );
}

export type PdfInput = {
  clientName: string;
  month: string;
  kpis: KpiResult[];
  summary: string[];
  overallRag: Rag;
  contentHash: string;
  generatedAt: Date;
  version: number;
  /** each KPI's values over the months up to this one, oldest first */
  trends: Record<string, (number | null)[]>;
};

function ScorecardDocument({ d, size }: { d: PdfInput; size: "A4" | "LETTER" }) {
  return (
    <Document title={`${d.clientName} — scorecard ${monthLabel(d.month)}`} author="Watchfloor">
      <Page size={size} style={s.page}>
        <View style={{ flexDirection: "row", justifyContent: "space-between" }}>
          <View>
            <Text style={s.h1}>{d.clientName}</Text>
            <Text style={s.sub}>Compliance scorecard · {monthLabel(d.month)}</Text>
          </View>
          <Text style={[s.badge, { backgroundColor: RAG_COLOR[d.overallRag] }]}>
            OVERALL {RAG_TEXT[d.overallRag]}
          </Text>
        </View>
        <View style={s.box}>
          <Text style={{ fontWeight: 700, marginBottom: 4 }}>What changed</Text>
          {d.summary.map((line) => (
            <Text key={line} style={{ marginBottom: 2 }}>
              • {line}
            </Text>
          ))}
        </View>
        {SCORECARD_SECTIONS.map((section) => (
          <View key={section} wrap={false}>
            <Text style={s.h2}>{SECTION_LABELS[section]}</Text>
            <View style={[s.row, s.head]}>
              <Text style={{ width: COLS.label }}>KPI</Text>
              <Text style={{ width: COLS.value }}>This month</Text>
              <Text style={{ width: COLS.prev }}>Previous</Text>
              <Text style={{ width: COLS.delta }}>Change</Text>
              <Text style={{ width: COLS.trend }}>6 months</Text>
              <Text style={{ width: COLS.rag }}>Status</Text>
            </View>
            {d.kpis
              .filter((k) => KPI_DEFS[k.key].section === section)
              .map((k) => (
                <View key={k.key} style={s.row}>
                  <Text style={{ width: COLS.label }}>{KPI_DEFS[k.key].label}</Text>
                  {k.value == null ? (
                    // a note ("not tracked (…)") in small type, so it wraps inside its column
                    <Text
                      style={{ width: COLS.value, paddingRight: 4, fontSize: 7, color: "#4b5563" }}
                    >
                      {k.note ?? "—"}
                    </Text>
                  ) : (
                    <Text style={{ width: COLS.value, fontWeight: 700 }}>
                      {formatKpiValue(k.key, k.value)}
                    </Text>
                  )}
                  <Text style={{ width: COLS.prev }}>
                    {k.previous == null ? "—" : formatKpiValue(k.key, k.previous)}
                  </Text>
                  <View style={{ width: COLS.delta, flexDirection: "row", alignItems: "center" }}>
                    <Arrow k={k} />
                    <Text>{k.delta == null ? "—" : `${k.delta > 0 ? "+" : ""}${k.delta}`}</Text>
                  </View>
                  <View style={{ width: COLS.trend }}>
                    <Spark values={d.trends[k.key] ?? []} />
                  </View>
                  <View style={{ width: COLS.rag }}>
                    <Text
                      style={[
                        s.badge,
                        { backgroundColor: RAG_COLOR[k.rag], alignSelf: "flex-start" },
                      ]}
                    >
                      {RAG_TEXT[k.rag]}
                    </Text>
                  </View>
                </View>
              ))}
          </View>
        ))}
        <View style={s.footer} fixed>
          <Text>
            Version {d.version} · generated{" "}
            {d.generatedAt.toISOString().replace("T", " ").slice(0, 16)} UTC · SHA-256{" "}
            {d.contentHash}
          </Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}

/** The board PDF of one stored scorecard: the same numbers as the screen, from the snapshot. */
export function renderScorecardPdf(d: PdfInput, size: "A4" | "LETTER"): Promise<Buffer> {
  return renderToBuffer(<ScorecardDocument d={d} size={size} />);
}
