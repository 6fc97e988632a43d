"use client";

import type { RouterOutputs } from "@/lib/trpc/types";
import { formatDays, formatRounds, scanUrl } from "./roster-format";
import { RosterQr } from "./roster-qr";

type Tour = RouterOutputs["roster"]["tours"][number];

/**
 * On paper only this sheet shows: everything else on the page (the app's navigation, header
 * and the toolbar) is hidden, and the sheet starts at the top of the first page.
 */
const PRINT_CSS = `
@media print {
  @page { size: A4; margin: 12mm; }
  html, body { background: #fff !important; }
  body * { visibility: hidden !important; }
  .roster-qr-sheet, .roster-qr-sheet * { visibility: visible !important; }
  .roster-qr-sheet { position: absolute; left: 0; top: 0; width: 100%; margin: 0; }
}`;

/** One card per active checkpoint: its number in the walk, name, place and QR code. */
export function RosterPrintSheet({ tour, origin }: { tour: Tour; origin: string }) {
  const checkpoints = tour.checkpoints.filter((c) => c.active);
  return (
    <section
      aria-label={`QR codes of ${tour.name}`}
      className="roster-qr-sheet bg-white text-black"
    >
      <style>{PRINT_CSS}</style>
      <header className="mb-4 border-b border-black pb-2">
        <h2 className="text-lg font-semibold">
          {tour.name} <span className="font-normal">· {tour.siteName}</span>
        </h2>
        <p className="text-xs">
          {checkpoints.length} checkpoint{checkpoints.length === 1 ? "" : "s"} in walking order ·{" "}
          {formatDays(tour.days)}, {formatRounds(tour)}
          {tour.critical ? " · critical tour" : ""}
        </p>
      </header>
      <ol aria-label="Checkpoint codes" className="grid grid-cols-2 gap-4">
        {checkpoints.map((c, i) => {
          const url = scanUrl(origin, c.scanPath);
          const label = `checkpoint ${i + 1}, ${c.name}`;
          return (
            <li
              key={c.id}
              aria-label={`Checkpoint ${i + 1}: ${c.name}`}
              className="flex break-inside-avoid flex-col items-center rounded-lg border-2 border-black p-4 text-center"
            >
              <div className="flex w-full items-baseline gap-2 text-left">
                <span className="text-3xl font-bold tabular-nums">{i + 1}</span>
                <div className="min-w-0">
                  <div className="text-lg font-semibold leading-tight">{c.name}</div>
                  {c.location ? <div className="text-xs">{c.location}</div> : null}
                </div>
              </div>
              <div className="my-2">{origin ? <RosterQr url={url} label={label} /> : null}</div>
              <p className="text-xs">
                {tour.name} · {tour.siteName}
              </p>
              <p className="mt-1 break-all font-mono text-[8px] leading-tight text-slate-700">
                {url}
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
