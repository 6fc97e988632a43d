"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { Td, Th } from "@/components/ui/table";
import { outsideView } from "@/lib/noc-queue-nav";
import type { RouterOutputs } from "@/lib/trpc/types";
import { AlarmAge, ScoreBadge, SeverityBadge } from "./parts";

type Row = RouterOutputs["alert"]["list"][number];

/**
 * The queue's table in its scrolling box, with arrived rows highlighted and a pill above or
 * below the visible rows counting arrivals out of view ("2 new above"); a pill scrolls to the
 * nearest of them. A row counts as seen once it has been in view.
 */
export function QueueTable({
  rows,
  selected,
  onSelect,
  checked,
  onCheck,
  fresh,
  unseen,
  onSeen,
  now,
}: {
  rows: Row[];
  selected: string | null;
  onSelect: (id: string) => void;
  checked: ReadonlySet<string>;
  onCheck: (id: string) => void;
  fresh: ReadonlySet<string>;
  unseen: readonly string[];
  onSeen: (ids: string[]) => void;
  now: Date;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [out, setOut] = useState<{ above: string[]; below: string[] }>({ above: [], below: [] });
  const measure = useCallback(() => {
    const el = box.current;
    if (!el) return;
    const rect = el.getBoundingClientRect();
    const head = el.querySelector("thead")?.getBoundingClientRect().bottom ?? rect.top;
    const view = { top: Math.max(head, 0), bottom: Math.min(rect.bottom, window.innerHeight) };
    const boxes = unseen
      .flatMap((id) => {
        const r = document.getElementById(`alert-row-${id}`)?.getBoundingClientRect();
        return r ? [{ id, top: r.top, bottom: r.bottom }] : [];
      })
      .sort((a, b) => a.top - b.top);
    const next = outsideView(boxes, view);
    const outside = new Set([...next.above, ...next.below]);
    // in view, or gone from the queue: seen
    const seen = unseen.filter((id) => !outside.has(id));
    if (seen.length) onSeen(seen);
    setOut(next);
  }, [unseen, onSeen]);
  useEffect(() => {
    const frame = requestAnimationFrame(measure);
    const el = box.current;
    const onScroll = () => requestAnimationFrame(measure);
    el?.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll);
    return () => {
      cancelAnimationFrame(frame);
      el?.removeEventListener("scroll", onScroll);
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("resize", onScroll);
    };
  }, [measure, rows]);
  /** scrolls to the nearest arrival out of view */
  const jump = (nearest: string | undefined) => {
    if (!nearest) return;
    document.getElementById(`alert-row-${nearest}`)?.scrollIntoView({ block: "center" });
  };

  // Which columns fit: site and state go under the title on a phone, seen and assigned are
  // left to the detail panel below 768 px. The same while the panel sits beside the queue
  // (1280-1535 px), where the queue has about 540 px.
  const cols = selected
    ? {
        site: "hidden sm:table-cell xl:hidden 2xl:table-cell",
        more: "hidden md:table-cell xl:hidden 2xl:table-cell",
        subLine: "sm:hidden xl:block 2xl:hidden",
      }
    : { site: "hidden sm:table-cell", more: "hidden md:table-cell", subLine: "sm:hidden" };
  const pill =
    "absolute left-1/2 z-20 -translate-x-1/2 rounded-full bg-sky-700 px-3 py-1 text-xs font-medium text-white shadow-md hover:bg-sky-800";

  return (
    <div className="relative">
      {out.above.length ? (
        <button
          type="button"
          className={`${pill} top-10`}
          onClick={() => jump(out.above[out.above.length - 1])}
        >
          ↑ {out.above.length} new above
        </button>
      ) : null}
      <div ref={box} className="max-h-[70vh] overflow-auto">
        <table aria-label="Alert queue" className="w-full text-left text-sm">
          <thead className="sticky top-0 z-10">
            <tr>
              <Th>
                <span className="sr-only">Select</span>
              </Th>
              <Th>Score</Th>
              <Th>Alert</Th>
              {/* on a phone: site and state under the title; seen and assigned in the
                  detail panel */}
              <Th className={cols.site}>Site</Th>
              <Th>Waiting</Th>
              <Th className={cols.more}>Seen</Th>
              <Th className={cols.more}>Assigned</Th>
              <Th className={cols.site}>State</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.id}
                id={`alert-row-${r.id}`}
                aria-selected={selected === r.id}
                data-new={fresh.has(r.id) || undefined}
                onClick={() => onSelect(r.id)}
                className={`cursor-pointer transition-colors duration-700 ${
                  selected === r.id
                    ? "bg-sky-100/70 outline-2 -outline-offset-2 outline-sky-500"
                    : fresh.has(r.id)
                      ? "bg-amber-100"
                      : "hover:bg-slate-50"
                }`}
              >
                <Td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${r.title}`}
                    checked={checked.has(r.id)}
                    onClick={(e) => e.stopPropagation()}
                    onChange={() => onCheck(r.id)}
                  />
                </Td>
                <Td>
                  <ScoreBadge score={r.score} scoredBy={r.scoredBy} />
                </Td>
                <Td>
                  <div className="font-medium [overflow-wrap:anywhere] text-slate-900">
                    {fresh.has(r.id) ? (
                      <span className="mr-1.5 rounded bg-amber-500 px-1 text-[10px] font-semibold tracking-wide text-white uppercase">
                        new
                      </span>
                    ) : null}
                    {r.title}
                  </div>
                  <div className={`text-xs text-slate-500 ${cols.subLine}`}>
                    {r.siteName} · {r.status.replace("_", " ")}
                  </div>
                  <div className="mt-0.5 flex flex-wrap items-center gap-x-1.5 gap-y-0.5 text-xs text-slate-500">
                    <SeverityBadge severity={r.severity} />
                    {r.type.replaceAll("_", " ").toLowerCase()}
                    {r.escalated ? (
                      <span className="font-medium text-red-700">· escalated</span>
                    ) : null}
                  </div>
                </Td>
                <Td className={cols.site}>
                  <div>{r.siteName}</div>
                  <div className="text-xs text-slate-500">{r.clientName}</div>
                </Td>
                <Td>
                  <AlarmAge
                    severity={r.severity}
                    firstSeenAt={r.firstSeenAt}
                    acknowledgedAt={r.acknowledgedAt}
                    now={now}
                  />
                </Td>
                <Td className={`tabular-nums ${cols.more}`}>{r.occurrences}×</Td>
                <Td className={`text-xs text-slate-600 ${cols.more}`}>
                  {r.assigneeName ?? r.groupName ?? "—"}
                </Td>
                <Td className={`text-xs ${cols.site}`}>{r.status.replace("_", " ")}</Td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {out.below.length ? (
        <button type="button" className={`${pill} bottom-3`} onClick={() => jump(out.below[0])}>
          ↓ {out.below.length} new below
        </button>
      ) : null}
    </div>
  );
}
