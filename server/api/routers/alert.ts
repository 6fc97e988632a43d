import "server-only";
import { z } from "zod";
import { queueFilterSchema } from "@/lib/noc-filters";
import { limit, text, uuid } from "@/lib/schemas/common";
import { UNDOABLE_ACTIONS } from "@/lib/noc-undo";
import { alertCreateInput, alertIds as ids, alertResolveInput } from "@/lib/schemas/noc";
import { paletteSearchInput } from "@/lib/schemas/palette";
import {
  acknowledgeAlerts,
  assignAlert,
  commentOnAlert,
  escalateAlert,
  resolveAlerts,
  startAlert,
} from "@/server/services/noc/actions";
import { listAssignees } from "@/server/services/noc/assignees";
import { createAlert } from "@/server/services/noc/create-alert";
import { falseAlarmRatesBySite } from "@/server/services/noc/false-alarms";
import { queueFilterOptions } from "@/server/services/noc/filter-options";
import { getAlertDetail } from "@/server/services/noc/queries";
import { listQueue, queueStats } from "@/server/services/noc/queue";
import { searchOpenAlerts } from "@/server/services/noc/search";
import { undoAlertAction } from "@/server/services/noc/undo";
import { requireCapability, router } from "../trpc";

const view = requireCapability("alert.view");
const work = requireCapability("alert.work");
const triage = requireCapability("alert.triage");

export const alertRouter = router({
  list: view
    .input(queueFilterSchema.extend({ limit: limit(500, 200) }))
    .query(({ ctx, input }) => listQueue(ctx.svc, input, new Date())),
  /** The command palette's alerts: open ones the user sees, by title or site, most urgent first. */
  search: view
    .input(paletteSearchInput)
    .query(({ ctx, input }) => searchOpenAlerts(ctx.svc, input, new Date())),
  stats: view.query(({ ctx }) => queueStats(ctx.svc, new Date())),
  /** Clients and groups the queue's filters offer (a specialist's own groups only). */
  filterOptions: view.query(({ ctx }) => queueFilterOptions(ctx.svc)),
  /** Sites by false-alarm rate, last 30 days (the closed loop); highest first. */
  falseAlarmRates: view
    .input(z.object({ limit: limit(50, 10) }).default({ limit: 10 }))
    .query(({ ctx, input }) => falseAlarmRatesBySite(ctx.svc, input, new Date())),
  assignees: triage.query(({ ctx }) => listAssignees(ctx.svc)),
  get: view
    .input(z.object({ id: uuid }))
    .query(({ ctx, input }) => getAlertDetail(ctx.svc, input.id, new Date())),
  create: requireCapability("alert.create")
    .input(alertCreateInput)
    .mutation(({ ctx, input }) => createAlert(ctx.svc, { ...input, source: "manual" }, new Date())),
  acknowledge: work
    .input(z.object({ ids }))
    .mutation(({ ctx, input }) => acknowledgeAlerts(ctx.svc, input, new Date())),
  start: work
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => startAlert(ctx.svc, input, new Date())),
  resolve: work
    .input(alertResolveInput)
    .mutation(({ ctx, input }) => resolveAlerts(ctx.svc, input, new Date())),
  assign: triage
    .input(
      z.object({
        id: uuid,
        userId: uuid.nullable().optional(),
        groupId: uuid.nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => assignAlert(ctx.svc, input)),
  escalate: triage
    .input(z.object({ id: uuid, reason: text({ max: 500 }).optional() }))
    .mutation(({ ctx, input }) => escalateAlert(ctx.svc, input, new Date())),
  /** Takes back the user's own last acknowledge, resolve or assign on these alerts (shortly after). */
  undo: work
    .input(z.object({ ids, action: z.enum(UNDOABLE_ACTIONS, "Unknown action") }))
    .mutation(({ ctx, input }) => undoAlertAction(ctx.svc, input, new Date())),
  comment: work
    .input(z.object({ id: uuid, body: text({ min: 1, minMessage: "Write a comment", max: 2000 }) }))
    .mutation(({ ctx, input }) => commentOnAlert(ctx.svc, input)),
});
