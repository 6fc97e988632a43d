"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { PING_SCORE, toPing } from "@/lib/noc-queue-nav";
import { useTRPC } from "@/lib/trpc/client";

type Row = { id: string; title: string; score: number | null; siteName: string };

/** Rings (ring.ts, loaded on first use) for arrived alerts once scored 80+, if the user opted in. */
export function useRing(rows: readonly Row[], arrived: ReadonlySet<string>) {
  const trpc = useTRPC();
  const prefs = useQuery(trpc.notification.preferences.queryOptions());
  const on = prefs.data?.criticalAlertPing ?? false;
  const rung = useRef(new Set<string>());
  useEffect(() => {
    if (!on || !arrived.size) return;
    const ids = toPing(rows, arrived, rung.current);
    if (!ids.length) return;
    for (const id of ids) rung.current.add(id);
    const due = rows.filter((r) => ids.includes(r.id));
    void import("./ring").then((m) => m.ring(due));
  }, [on, rows, arrived]);
}

/** The opt-in switch for the ring, kept on the server with the user's notification choices. */
export function RingToggle() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const prefs = useQuery(trpc.notification.preferences.queryOptions());
  const set = useMutation(
    trpc.notification.setCriticalAlertPing.mutationOptions({
      onSuccess: (data) => qc.setQueryData(trpc.notification.preferences.queryKey(), data),
    }),
  );
  const on = prefs.data?.criticalAlertPing ?? false;
  return (
    <Button
      variant="secondary"
      aria-pressed={on}
      disabled={!prefs.data || set.isPending}
      title={`A sound and a desktop notification for each new alert scored ${PING_SCORE} or more`}
      onClick={async () => {
        // asked on the click that turns it on: browsers allow the question only then
        if (!on && "Notification" in window && Notification.permission === "default")
          await Notification.requestPermission();
        set.mutate({ on: !on });
      }}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
        <path d="M10 2a5 5 0 0 0-5 5v3.6L3.3 13.3A1 1 0 0 0 4.2 15h11.6a1 1 0 0 0 .9-1.7L15 10.6V7a5 5 0 0 0-5-5Zm-2 14a2 2 0 0 0 4 0H8Z" />
      </svg>
      {on ? `Ringing for ${PING_SCORE}+` : `Ring for ${PING_SCORE}+`}
    </Button>
  );
}
