"use client";

import {
  COMPONENTS,
  COMPONENT_COLOURS,
  COMPONENT_LABELS,
  changeView,
  componentHeading,
  scoreText,
  scoreTone,
} from "@/components/charts/vendor-data";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { Td, Th } from "@/components/ui/table";
import { ScoreBar, ScoreBars } from "@/components/vendors/score-bars";
import type { RouterOutputs } from "@/lib/trpc/types";
import { RANKING_MIN_ORDERS } from "@/lib/work-orders";

export type Ranked = RouterOutputs["vendor"]["rankings"]["ranked"][number];
export type VendorListItem = RouterOutputs["vendor"]["list"][number];

const CHANGE_CLASS = {
  up: "text-emerald-700",
  down: "text-red-700",
  same: "text-slate-500",
  new: "text-sky-700",
} as const;

export function FewOrdersBadge() {
  return (
    <span title={`Under ${RANKING_MIN_ORDERS} orders: the score is unreliable`}>
      <Badge tone="amber">Few orders · unreliable</Badge>
    </span>
  );
}

export function DoNotDispatchBadge({ expired }: { expired: readonly { name: string }[] }) {
  return (
    <span title={`Expired: ${expired.map((d) => d.name).join(", ")}`}>
      <Badge tone="red">Do not dispatch</Badge>
    </span>
  );
}

/** Vendors best first with their score, its uncertainty and what it is made of. */
export function RankingsTable({
  days,
  ranked,
  loading,
  stale,
  failed,
  vendors,
  selected,
  compact,
  onSelect,
}: {
  days: number;
  ranked: readonly Ranked[] | undefined;
  loading: boolean;
  /** showing the previous period while the chosen one loads */
  stale: boolean;
  failed: boolean;
  vendors: readonly VendorListItem[] | undefined;
  selected: string | null;
  /** the drill-down panel is open beside the table: the components stack sooner */
  compact: boolean;
  onSelect: (id: string) => void;
}) {
  const byId = new Map((vendors ?? []).map((v) => [v.id, v]));
  const rows = ranked ?? [];
  const rankedIds = new Set(rows.map((r) => r.vendorId));
  const unranked = (vendors ?? []).filter((v) => !rankedIds.has(v.id));
  // beside the drill-down panel the table keeps rank, vendor, score and stacked bars up to 2xl
  const col = compact
    ? {
        comp: "hidden 2xl:table-cell",
        stack: "hidden sm:table-cell 2xl:hidden",
        more: "hidden 2xl:table-cell",
        subline: "2xl:hidden",
      }
    : {
        comp: "hidden lg:table-cell",
        stack: "hidden sm:table-cell lg:hidden",
        more: "hidden sm:table-cell",
        subline: "sm:hidden",
      };

  return (
    <Card title={`Rankings, last ${days} days`}>
      {rows.length ? (
        <div
          className={`overflow-x-auto transition-opacity ${stale ? "opacity-50" : ""}`}
          aria-busy={stale || undefined}
          data-testid="rankings-scroll"
        >
          <table aria-label="Vendor rankings" className="w-full text-left text-sm">
            <thead>
              <tr>
                <Th className="w-12 px-2! sm:px-4!">Rank</Th>
                <Th className="px-2! sm:px-4!">Vendor</Th>
                <Th className="px-2! text-right sm:px-4!">Score</Th>
                {COMPONENTS.map((key) => (
                  <Th key={key} className={`${col.comp} px-2!`}>
                    {componentHeading(key)}
                  </Th>
                ))}
                <Th className={col.stack}>
                  Components
                  <span className="block font-normal normal-case tracking-normal">
                    SLA 40 · time 30 · quality 20 · rework 10 %
                  </span>
                </Th>
                <Th className={`${col.more} text-right`}>Orders</Th>
                <Th className={col.more}>Change</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const v = byId.get(r.vendorId);
                const change = changeView(r.change);
                const isSelected = selected === r.vendorId;
                return (
                  <tr
                    key={r.vendorId}
                    aria-selected={isSelected}
                    onClick={() => onSelect(r.vendorId)}
                    className={`cursor-pointer ${isSelected ? "bg-sky-100/70 outline-2 -outline-offset-2 outline-sky-500" : "hover:bg-slate-50"}`}
                  >
                    <Td className="px-2! font-semibold text-slate-700 tabular-nums sm:px-4!">
                      {r.rank}
                    </Td>
                    <Td className="px-2! sm:px-4!">
                      <button
                        type="button"
                        className="text-left font-medium text-slate-900 hover:underline focus-visible:underline"
                        onClick={(e) => {
                          e.stopPropagation();
                          onSelect(r.vendorId);
                        }}
                      >
                        {r.name}
                      </button>
                      {r.unreliable || v?.doNotDispatch ? (
                        <div className="mt-1 flex flex-wrap gap-1">
                          {r.unreliable ? <FewOrdersBadge /> : null}
                          {v?.doNotDispatch ? <DoNotDispatchBadge expired={v.expired} /> : null}
                        </div>
                      ) : null}
                      {/* on a phone (or beside the panel) orders and change sit under the name */}
                      <div className={`mt-1 text-xs text-slate-500 ${col.subline}`}>
                        {r.orders} orders ·{" "}
                        <span className={CHANGE_CLASS[change.direction]} title={change.label}>
                          {change.text}
                        </span>
                      </div>
                      <div className="mt-1.5 max-w-56 sm:hidden">
                        <ScoreBars components={r.components} missing={r.missing} />
                      </div>
                    </Td>
                    <Td className="px-2! text-right whitespace-nowrap sm:px-4!">
                      <span
                        className={`font-semibold tabular-nums ${r.unreliable ? "text-slate-500" : "text-slate-900"}`}
                        title={
                          r.low === null || r.high === null
                            ? undefined
                            : `Likely between ${Math.round(r.low)} and ${Math.round(r.high)}`
                        }
                      >
                        {scoreText(r.overall, r.uncertainty)}
                      </span>
                      <div className="mt-1">
                        <ToneDot tone={scoreTone(r.overall)} />
                      </div>
                    </Td>
                    {COMPONENTS.map((key) => (
                      <Td key={key} className={`${col.comp} px-2!`}>
                        <ScoreBar
                          label={COMPONENT_LABELS[key]}
                          value={r.components[key]}
                          colour={COMPONENT_COLOURS[key]}
                          missing={r.missing.includes(key)}
                        />
                      </Td>
                    ))}
                    <Td className={`${col.stack} min-w-48`}>
                      <ScoreBars components={r.components} missing={r.missing} />
                    </Td>
                    <Td className={`${col.more} text-right tabular-nums`}>{r.orders}</Td>
                    <Td className={`${col.more} whitespace-nowrap`}>
                      <span className={`font-medium ${CHANGE_CLASS[change.direction]}`}>
                        {change.text}
                      </span>
                      <span className="sr-only">, {change.label}</span>
                      {r.change ? (
                        <span className="block text-xs text-slate-500">
                          was #{r.change.previousRank}
                        </span>
                      ) : null}
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState>
          {loading ? (
            <span role="status">Loading rankings…</span>
          ) : failed ? (
            "The rankings could not be loaded."
          ) : (
            `No completed work orders in the last ${days} days, so there is nothing to rank yet. Try a longer period.`
          )}
        </EmptyState>
      )}
      {unranked.length ? (
        <div className="border-t border-slate-200 px-4 py-3 text-sm">
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
            Not ranked: no completed orders in this period
          </h3>
          <ul className="mt-1.5 flex flex-wrap gap-x-3 gap-y-1.5">
            {unranked.map((v) => (
              <li key={v.id} className="flex items-center gap-1.5">
                <button
                  type="button"
                  aria-pressed={selected === v.id}
                  onClick={() => onSelect(v.id)}
                  className={`text-left hover:underline focus-visible:underline ${selected === v.id ? "font-semibold text-sky-800" : "text-slate-800"}`}
                >
                  {v.name}
                </button>
                {v.doNotDispatch ? <DoNotDispatchBadge expired={v.expired} /> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}

const DOT: Record<Tone, { label: string; colour: string }> = {
  green: { label: "good", colour: "bg-emerald-500" },
  amber: { label: "fair", colour: "bg-amber-500" },
  red: { label: "poor", colour: "bg-red-500" },
  slate: { label: "no score", colour: "bg-slate-300" },
  sky: { label: "", colour: "bg-sky-500" },
  violet: { label: "", colour: "bg-violet-500" },
};

/** A small labelled hint under the score: good (80+), fair (60+) or poor. */
function ToneDot({ tone }: { tone: Tone }) {
  return (
    <span className="inline-flex items-center gap-1 text-xs text-slate-500">
      <span className={`size-1.5 rounded-full ${DOT[tone].colour}`} aria-hidden="true" />
      {DOT[tone].label}
    </span>
  );
}
