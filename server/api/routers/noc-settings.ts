import "server-only";
import { z } from "zod";
import { ALERT_TYPES } from "@/lib/noc";
import { uuid } from "@/lib/schemas/common";
import { maintenanceWindowInput } from "@/lib/schemas/noc";
import {
  cancelMaintenanceWindow,
  createMaintenanceWindow,
  listMaintenanceWindows,
  previewMaintenanceWindow,
} from "@/server/services/noc/maintenance";
import { listRoutingRules, setRoutingRule } from "@/server/services/noc/routing";
import { requireCapability, router } from "../trpc";

const viewers = requireCapability("noc.rules.view");
const managers = requireCapability("noc.rules.manage");

export const nocSettingsRouter = router({
  routing: viewers.query(({ ctx }) => listRoutingRules(ctx.svc)),
  setRouting: requireCapability("noc.routing.manage")
    .input(z.object({ type: z.enum(ALERT_TYPES), groupId: uuid.nullable() }))
    .mutation(({ ctx, input }) => setRoutingRule(ctx.svc, input)),
  windows: viewers.query(({ ctx }) => listMaintenanceWindows(ctx.svc, new Date())),
  previewWindow: viewers
    .input(maintenanceWindowInput)
    .query(({ ctx, input }) => previewMaintenanceWindow(ctx.svc, input, new Date())),
  createWindow: managers
    .input(maintenanceWindowInput)
    .mutation(({ ctx, input }) => createMaintenanceWindow(ctx.svc, input)),
  cancelWindow: managers
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => cancelMaintenanceWindow(ctx.svc, input, new Date())),
});
