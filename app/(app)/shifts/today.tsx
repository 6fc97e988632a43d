"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ExcuseDialog, ManualAttendanceDialog } from "@/components/shifts/board-dialogs";
import type { BoardSite } from "@/components/shifts/board-parts";
import { BoardPager } from "@/components/shifts/board-pager";
import { BoardSummary } from "@/components/shifts/board-summary";
import { type BoardAction, SiteBoard } from "@/components/shifts/board-today";
import { Card, EmptyState } from "@/components/ui/card";
import { Locked } from "@/components/ui/locked";
import { useTRPC } from "@/lib/trpc/client";
import { type BoardFilters, boardInputs, boardSearch } from "./search-params";

type Held = ReadonlyMap<string, { at: Date; site: BoardSite }>;
const without = (held: Held, id: string) => new Map([...held].filter(([k]) => k !== id));

/**
 * Today's board, a page of sites at a time (those needing attention first). Sites on a plan with
 * the live board (gold) follow every change; the others keep the rows as they were read until the
 * manager refreshes them (or changes one here).
 */
export function TodayBoard({
  filters,
  setFilters,
  canRecord,
}: {
  filters: BoardFilters;
  setFilters: (next: BoardFilters) => void;
  canRecord: boolean;
}) {
  const trpc = useTRPC();
  const board = useQuery({
    ...trpc.shift.board.queryOptions(boardInputs(filters).board),
    // the page shown stays until the next one arrives
    placeholderData: keepPreviousData,
    // states move with the clock too (upcoming → late at +15 min): a live board rereads each minute
    refetchInterval: (q) => (q.state.data?.sites.some((s) => s.live) ? 60_000 : false),
  });
  const [held, setHeld] = useState<Held>(new Map());
  const [action, setAction] = useState<(BoardAction & { site: BoardSite; openedAt: Date }) | null>(
    null,
  );
  const data = board.data;
  const unheld = data?.sites.filter((s) => s.compliance && !s.live && !held.has(s.id)) ?? [];
  if (data && unheld.length) {
    const next = new Map(held);
    for (const s of unheld) next.set(s.id, { at: data.now, site: s });
    setHeld(next);
  }
  if (!data)
    return (
      <Card>
        <EmptyState>{board.isError ? board.error.message : "Loading…"}</EmptyState>
      </Card>
    );
  const now = data.now;
  const shown = data.sites.map((s) => held.get(s.id)?.site ?? s);
  const withShifts = shown.filter((s) => s.compliance && (s.shifts.length || s.rounds.length));
  const quiet = shown.filter((s) => s.compliance && !s.shifts.length && !s.rounds.length);
  const locked = shown.filter((s) => !s.compliance);
  const refresh = async (id: string) => {
    await board.refetch();
    setHeld((h) => without(h, id));
  };
  const pager = (
    <BoardPager
      page={data.page}
      href={(page) => `/shifts${boardSearch({ ...filters, page })}`}
      onPage={(page) => {
        setFilters({ ...filters, page });
        window.scrollTo({ top: 0 });
      }}
    />
  );
  return (
    <div className="min-w-0 space-y-4" aria-busy={board.isPlaceholderData}>
      <BoardSummary summary={data.summary} sites={data.page.total} />
      {pager}
      {withShifts.map((s) => (
        <SiteBoard
          key={s.id}
          site={s}
          now={now}
          canRecord={canRecord}
          onAction={(a) => setAction({ ...a, site: s, openedAt: new Date() })}
          heldSince={s.live ? null : (held.get(s.id)?.at ?? now)}
          onRefresh={() => void refresh(s.id)}
        />
      ))}
      {!withShifts.length && !locked.length && !quiet.length ? (
        <Card>
          <EmptyState>No sites with shifts in your scope.</EmptyState>
        </Card>
      ) : null}
      {quiet.length ? (
        <p className="text-sm text-slate-500">
          No shifts today at {new Intl.ListFormat("en").format(quiet.map((s) => s.name))}.
        </p>
      ) : null}
      {locked.length ? (
        <Locked feature="shiftCompliance">
          {new Intl.ListFormat("en").format(locked.map((s) => `${s.name} (${s.clientName})`))}{" "}
          {locked.length === 1 ? "is" : "are"} on a plan without shift states and findings: their
          shifts stay in the 14-day schedule and the CSV export.
        </Locked>
      ) : null}
      {pager}
      {action?.kind === "excuse" ? (
        <ExcuseDialog
          shift={action.shift}
          siteName={action.site.name}
          onDone={() => {
            void refresh(action.site.id);
            setAction(null);
          }}
        />
      ) : action ? (
        <ManualAttendanceDialog
          shift={action.shift}
          kind={action.kind}
          siteName={action.site.name}
          timeZone={action.site.timeZone}
          now={action.openedAt}
          onDone={() => {
            void refresh(action.site.id);
            setAction(null);
          }}
        />
      ) : null}
    </div>
  );
}
