import { z } from "zod";
import { RESOLUTIONS } from "@/lib/noc";
import { queueFilterSchema } from "@/lib/noc-filters";
import { uuid } from "@/lib/schemas/admin";
import { alertCreateInput } from "@/lib/schemas/noc";
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
import { requireRole, router } from "../trpc";

const noc = requireRole("admin", "supervisor", "noc_operator", "specialist");
const operators = requireRole("admin", "supervisor", "noc_operator");
const ids = z
  .array(uuid)
  .min(1, "Choose at least one alert")
  .max(200, "At most 200 alerts at once");

export const alertRouter = router({
  list: noc
    .input(queueFilterSchema.extend({ limit: z.number().int().min(1).max(500).default(200) }))
    .query(({ ctx, input }) => listQueue(ctx.svc, input)),
  stats: noc.query(({ ctx }) => queueStats(ctx.svc)),
  /** Clients and groups the queue's filters offer (a specialist's own groups only). */
  filterOptions: noc.query(({ ctx }) => queueFilterOptions(ctx.svc)),
  /** Sites by false-alarm rate, last 30 days (the closed loop); highest first. */
  falseAlarmRates: noc
    .input(z.object({ limit: z.number().int().min(1).max(50).default(10) }).default({ limit: 10 }))
    .query(({ ctx, input }) => falseAlarmRatesBySite(ctx.svc, input)),
  assignees: operators.query(({ ctx }) => listAssignees(ctx.svc)),
  get: noc
    .input(z.object({ id: uuid }))
    .query(({ ctx, input }) => getAlertDetail(ctx.svc, input.id)),
  create: operators
    .input(alertCreateInput)
    .mutation(({ ctx, input }) => createAlert(ctx.svc, { ...input, source: "manual" }, new Date())),
  acknowledge: noc
    .input(z.object({ ids }))
    .mutation(({ ctx, input }) => acknowledgeAlerts(ctx.svc, input, new Date())),
  start: noc
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => startAlert(ctx.svc, input, new Date())),
  resolve: noc
    .input(
      z.object({
        ids,
        resolution: z.enum(RESOLUTIONS, "Choose how it was resolved"),
        note: z.string().trim().max(2000).optional(),
      }),
    )
    .mutation(({ ctx, input }) => resolveAlerts(ctx.svc, input, new Date())),
  assign: operators
    .input(
      z.object({
        id: uuid,
        userId: uuid.nullable().optional(),
        groupId: uuid.nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => assignAlert(ctx.svc, input)),
  escalate: operators
    .input(z.object({ id: uuid, reason: z.string().trim().max(500).optional() }))
    .mutation(({ ctx, input }) => escalateAlert(ctx.svc, input, new Date())),
  comment: noc
    .input(z.object({ id: uuid, body: z.string().trim().min(1, "Write a comment").max(2000) }))
    .mutation(({ ctx, input }) => commentOnAlert(ctx.svc, input)),
});
