import "server-only";
import { alertRouter } from "./routers/alert";
import { apiKeyRouter } from "./routers/api-key";
import { auditRouter } from "./routers/audit";
import { clientRouter } from "./routers/client";
import { deviceRouter } from "./routers/device";
import { groupRouter } from "./routers/group";
import { jobRouter } from "./routers/job";
import { meRouter } from "./routers/me";
import { nocSettingsRouter } from "./routers/noc-settings";
import { notificationRouter } from "./routers/notification";
import { myShiftRouter } from "./routers/my-shift";
import { outboxRouter } from "./routers/outbox";
import { overviewRouter } from "./routers/overview";
import { playbookRouter } from "./routers/playbook";
import { rosterRouter } from "./routers/roster";
import { shiftRouter } from "./routers/shift";
import { scorecardRouter } from "./routers/scorecard";
import { siteRouter } from "./routers/site";
import { slaPolicyRouter } from "./routers/sla-policy";
import { tenantRouter } from "./routers/tenant";
import { ticketRouter } from "./routers/ticket";
import { userRouter } from "./routers/user";
import { vendorRouter } from "./routers/vendor";
import { workOrderRouter } from "./routers/work-order";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  me: meRouter,
  alert: alertRouter,
  nocSettings: nocSettingsRouter,
  ticket: ticketRouter,
  slaPolicy: slaPolicyRouter,
  workOrder: workOrderRouter,
  device: deviceRouter,
  vendor: vendorRouter,
  shift: shiftRouter,
  roster: rosterRouter,
  myShift: myShiftRouter,
  scorecard: scorecardRouter,
  user: userRouter,
  client: clientRouter,
  site: siteRouter,
  group: groupRouter,
  audit: auditRouter,
  apiKey: apiKeyRouter,
  job: jobRouter,
  outbox: outboxRouter,
  playbook: playbookRouter,
  tenant: tenantRouter,
  notification: notificationRouter,
  overview: overviewRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
