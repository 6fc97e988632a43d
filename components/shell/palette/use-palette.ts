"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { fuzzyFilter } from "@/lib/fuzzy";
import { can } from "@/lib/permissions";
import type { Role } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { type AlertHit, alertActions, type SiteHit, siteTargets } from "./actions";

export type PalettePage = { href: string; label: string };

/** One choice in the list: what it says, and what Enter (or a click) does. */
export type PaletteItem = {
  id: string;
  group: string;
  label: string;
  detail?: string;
  tone?: "danger";
  run: () => void;
};

export type Mode =
  | { kind: "search" }
  | { kind: "alert"; alert: AlertHit }
  | { kind: "site"; site: SiteHit }
  | { kind: "confirm"; alert: AlertHit };

/** Characters typed before the server is asked, the pause it waits for, results per kind. */
const MIN_SEARCH = 2;
const DEBOUNCE_MS = 200;
const LIMIT = 6;

function useDebounced(value: string, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * The palette's state: what is typed, which step it is on (searching, an alert's actions, a
 * site's pages, confirming an escalation), the server's matches and the list of choices.
 */
export function usePalette({
  role,
  pages,
  go,
  onShowShortcuts,
}: {
  role: Role;
  pages: PalettePage[];
  go: (href: string) => void;
  onShowShortcuts: () => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [mode, setMode] = useState<Mode>({ kind: "search" });
  const [query, setQuery] = useState("");
  const [searchQuery, setSearchQuery] = useState(""); // kept while in a step, back on Escape
  const [message, setMessage] = useState<string | null>(null);
  const typed = useDebounced(query.trim(), DEBOUNCE_MS);
  const asking = mode.kind === "search" && typed.length >= MIN_SEARCH;
  const alerts = useQuery({
    ...trpc.alert.search.queryOptions({ q: typed, limit: LIMIT }),
    enabled: asking && can(role, "alert.view"),
    placeholderData: keepPreviousData,
  });
  const sites = useQuery({
    ...trpc.site.search.queryOptions({ q: typed, limit: LIMIT }),
    enabled: asking && can(role, "site.view"),
    placeholderData: keepPreviousData,
  });
  const done = (alert: AlertHit, text: string) => {
    setMessage(text);
    setMode({ kind: "alert", alert });
    setQuery("");
    void qc.invalidateQueries(trpc.alert.pathFilter());
  };
  const acknowledge = useMutation(
    trpc.alert.acknowledge.mutationOptions({
      onSuccess: (_, { ids }) => {
        if (mode.kind === "alert" && mode.alert.id === ids[0])
          done({ ...mode.alert, status: "acknowledged" }, `Acknowledged “${mode.alert.title}”.`);
      },
    }),
  );
  const escalate = useMutation(
    trpc.alert.escalate.mutationOptions({
      onSuccess: (_, { id }) => {
        if (mode.kind === "confirm" && mode.alert.id === id)
          done(
            { ...mode.alert, escalated: true },
            `Escalated “${mode.alert.title}”: supervisors paged.`,
          );
      },
    }),
  );
  const error = acknowledge.error ?? escalate.error;

  const enter = (next: Mode) => {
    if (mode.kind === "search") setSearchQuery(query);
    setMode(next);
    setQuery("");
    setMessage(null);
    acknowledge.reset();
    escalate.reset();
  };
  /** Escape: one step back, or false when there is none (the palette closes). */
  const back = () => {
    if (mode.kind === "search") return false;
    if (mode.kind === "confirm") enter({ kind: "alert", alert: mode.alert });
    else {
      setMode({ kind: "search" });
      setQuery(searchQuery);
      setMessage(null);
    }
    return true;
  };

  const items = ((): PaletteItem[] => {
    if (mode.kind === "alert") {
      const a = mode.alert;
      return fuzzyFilter(alertActions(role, a), query, (x) => x.label).map((x) => ({
        id: x.kind,
        group: "Actions",
        label: x.label,
        run:
          x.kind === "open"
            ? () => go(x.href)
            : x.kind === "acknowledge"
              ? () => acknowledge.mutate({ ids: [a.id] })
              : () => enter({ kind: "confirm", alert: a }),
      }));
    }
    if (mode.kind === "confirm") {
      const a = mode.alert;
      return [
        {
          id: "escalate",
          group: "Escalate? It pages the supervisors",
          label: "Yes, escalate",
          tone: "danger",
          run: () => escalate.mutate({ id: a.id }),
        },
        { id: "cancel", group: "Escalate? It pages the supervisors", label: "Cancel", run: back },
      ];
    }
    if (mode.kind === "site")
      return fuzzyFilter(siteTargets(role, mode.site), query, (t) => t.label).map((t) => ({
        id: t.href,
        group: "Go to",
        label: t.label,
        run: () => go(t.href),
      }));
    const q = query.trim();
    const out: PaletteItem[] = fuzzyFilter(pages, q, (p) => p.label)
      .slice(0, q ? LIMIT : pages.length)
      .map((p) => ({
        id: `page:${p.href}`,
        group: "Pages",
        label: p.label,
        run: () => go(p.href),
      }));
    if (fuzzyFilter(["Keyboard shortcuts"], q, (s) => s).length)
      out.push({
        id: "shortcuts",
        group: "Help",
        label: "Keyboard shortcuts",
        detail: "?",
        run: onShowShortcuts,
      });
    if (q.length < MIN_SEARCH) return out;
    for (const a of alerts.data ?? [])
      out.push({
        id: `alert:${a.id}`,
        group: "Open alerts",
        label: a.title,
        detail: `${a.severity} · ${a.status.replace("_", " ")}${a.escalated ? " · escalated" : ""} · ${a.siteName}`,
        run: () => enter({ kind: "alert", alert: a }),
      });
    for (const s of sites.data ?? [])
      out.push({
        id: `site:${s.id}`,
        group: "Sites",
        label: s.name,
        detail: s.clientName,
        run: () => enter({ kind: "site", site: s }),
      });
    return out;
  })();

  const searching =
    mode.kind === "search" &&
    query.trim().length >= MIN_SEARCH &&
    (query.trim() !== typed || alerts.isFetching || sites.isFetching);
  return {
    mode,
    query,
    setQuery,
    items,
    back,
    searching,
    message,
    error: error ? errorMessage(error) : null,
    busy: acknowledge.isPending || escalate.isPending,
  };
}
