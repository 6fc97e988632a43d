"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import type { ToastMessage } from "@/components/ui/toast";
import type { UndoableAction } from "@/lib/noc-undo";
import { nextSelection } from "@/lib/noc-queue-nav";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { useAlertRefresh } from "./use-alert-refresh";

const plural = (n: number) => `${n} alert${n === 1 ? "" : "s"}`;

/**
 * The queue's actions that keep the operator's place: acknowledging or resolving the selected
 * alert moves the selection to the next one, and each action is confirmed by a toast with
 * Undo (alert.undo on the server, which also puts a resolved alert back in the selection).
 */
export function useQueueActions({
  rows,
  selected,
  select,
}: {
  rows: readonly { id: string }[];
  selected: string | null;
  select: (id: string | null) => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const refresh = useAlertRefresh();
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const dismiss = useCallback(() => setToast(null), []);
  const undo = useMutation(
    trpc.alert.undo.mutationOptions({
      onSuccess: (_, { ids }) => {
        void refresh.alerts(ids);
        void qc.invalidateQueries(trpc.alert.falseAlarmRates.pathFilter());
      },
    }),
  );
  const acknowledgeM = useMutation(
    trpc.alert.acknowledge.mutationOptions({ onSuccess: (_, { ids }) => refresh.alerts(ids) }),
  );

  /** Says what was done, offering to take it back (and to select `back` again after). */
  const done = useCallback(
    (text: string, ids: string[], action: UndoableAction, back?: string | null) =>
      setToast({
        id: Date.now(),
        text,
        action: {
          label: "Undo",
          run: () =>
            undo.mutate(
              { ids, action },
              {
                onSuccess: () => {
                  setToast({ id: Date.now(), text: "Undone" });
                  if (back) select(back);
                },
                onError: (e) => setToast({ id: Date.now(), text: errorMessage(e) }),
              },
            ),
        },
      }),
    [undo, select],
  );

  /** Where the selection goes once `ids` are dealt with (`stay`: they remain in the queue). */
  const moveOn = useCallback(
    (ids: readonly string[], stay: boolean) => {
      if (!selected || !ids.includes(selected)) return;
      const left = rows.filter((r) => r.id === selected || !ids.includes(r.id));
      select(nextSelection(left, selected, stay));
    },
    [rows, selected, select],
  );

  const acknowledge = useCallback(
    (ids: string[]) => {
      acknowledgeM.mutate(
        { ids },
        {
          onSuccess: ({ ids: changed }) => {
            moveOn(ids, true);
            if (!changed.length) setToast({ id: Date.now(), text: "Already acknowledged" });
            // the undo takes back only those this acknowledged (not the already acknowledged)
            else done(`Acknowledged ${plural(changed.length)}`, changed, "alert.acknowledge");
          },
        },
      );
    },
    [acknowledgeM, moveOn, done],
  );

  /** After the resolve dialog resolved `ids`: `next` was chosen when it opened. */
  const resolved = useCallback(
    (ids: string[], next: string | null | undefined) => {
      const back = selected && ids.includes(selected) ? selected : null;
      if (back) select(next ?? null);
      done(`Resolved ${plural(ids.length)}`, ids, "alert.resolve", back);
    },
    [selected, select, done],
  );

  const assigned = useCallback(
    (id: string, text: string) => done(text, [id], "alert.assign"),
    [done],
  );

  const say = useCallback((text: string) => setToast({ id: Date.now(), text }), []);

  return useMemo(
    () => ({
      toast,
      dismiss,
      acknowledge,
      resolved,
      assigned,
      say,
      error: acknowledgeM.error,
    }),
    [toast, dismiss, acknowledge, resolved, assigned, say, acknowledgeM.error],
  );
}

type QueueActions = Pick<ReturnType<typeof useQueueActions>, "assigned" | "say">;

/** Lets the detail panel's controls (assign) report to the page's toast. */
export const QueueActionsContext = createContext<QueueActions | null>(null);
export const useQueueToast = () => useContext(QueueActionsContext);
