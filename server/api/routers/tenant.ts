import { z } from "zod";
import { webhook } from "@/lib/schemas/admin";
import { getTenantSettings, updateTenantSettings } from "@/server/services/tenants/settings";
import { adminProcedure, router } from "../trpc";

export const tenantRouter = router({
  settings: adminProcedure.query(({ ctx }) => getTenantSettings(ctx.svc)),
  updateSettings: adminProcedure
    .input(
      z.object({
        slackWebhookUrl: webhook,
      }),
    )
    .mutation(({ ctx, input }) => updateTenantSettings(ctx.svc, input)),
});
