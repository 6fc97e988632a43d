import { z } from "zod";
import { ALERT_TYPES } from "@/lib/noc";
import { uuid } from "@/lib/schemas/admin";
import {
  cancelMaintenanceWindow,
  createMaintenanceWindow,
  listMaintenanceWindows,
  previewMaintenanceWindow,
} from "@/server/services/noc/maintenance";
import { listRoutingRules, setRoutingRule } from "@/server/services/noc/routing";
import { adminProcedure, requireRole, router } from "../trpc";

const managers = requireRole("admin", "supervisor");

const windowInput = z.object({
  name: z.string().trim().min(1, "Name the window").max(120),
  startsAt: z.date("Choose when it starts"),
  endsAt: z.date("Choose when it ends"),
  clientIds: z.array(uuid).max(200).default([]),
  siteIds: z.array(uuid).max(500).default([]),
  types: z.array(z.enum(ALERT_TYPES)).max(ALERT_TYPES.length).default([]),
});

export const nocSettingsRouter = router({
  routing: managers.query(({ ctx }) => listRoutingRules(ctx.svc)),
  setRouting: adminProcedure
    .input(z.object({ type: z.enum(ALERT_TYPES), groupId: uuid.nullable() }))
    .mutation(({ ctx, input }) => setRoutingRule(ctx.svc, input)),
  windows: managers.query(({ ctx }) => listMaintenanceWindows(ctx.svc)),
  previewWindow: managers
    .input(windowInput)
    .query(({ ctx, input }) => previewMaintenanceWindow(ctx.svc, input)),
  createWindow: managers
    .input(windowInput)
    .mutation(({ ctx, input }) => createMaintenanceWindow(ctx.svc, input)),
  cancelWindow: managers
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => cancelMaintenanceWindow(ctx.svc, input, new Date())),
});
