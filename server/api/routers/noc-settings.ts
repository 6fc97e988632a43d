import { z } from "zod";
import { ALERT_TYPES } from "@/lib/noc";
import { idList, instant, text, uuid } from "@/lib/schemas/common";
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

const windowInput = z.object({
  name: text({ min: 1, minMessage: "Name the window", max: 120 }),
  startsAt: instant("Choose when it starts"),
  endsAt: instant("Choose when it ends"),
  clientIds: idList(200, "clients").default([]),
  siteIds: idList(500, "sites").default([]),
  types: z.array(z.enum(ALERT_TYPES)).max(ALERT_TYPES.length).default([]),
});

export const nocSettingsRouter = router({
  routing: viewers.query(({ ctx }) => listRoutingRules(ctx.svc)),
  setRouting: requireCapability("noc.routing.manage")
    .input(z.object({ type: z.enum(ALERT_TYPES), groupId: uuid.nullable() }))
    .mutation(({ ctx, input }) => setRoutingRule(ctx.svc, input)),
  windows: viewers.query(({ ctx }) => listMaintenanceWindows(ctx.svc, new Date())),
  previewWindow: viewers
    .input(windowInput)
    .query(({ ctx, input }) => previewMaintenanceWindow(ctx.svc, input, new Date())),
  createWindow: managers
    .input(windowInput)
    .mutation(({ ctx, input }) => createMaintenanceWindow(ctx.svc, input)),
  cancelWindow: managers
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => cancelMaintenanceWindow(ctx.svc, input, new Date())),
});
