import "server-only";
import { getOverview } from "@/server/services/overview/get";
import { requireCapability, router } from "../trpc";

export const overviewRouter = router({
  get: requireCapability("overview.view").query(({ ctx }) => getOverview(ctx.svc, new Date())),
});
