import { z } from "zod";
import { getTenantSettings, updateTenantSettings } from "@/server/services/tenants/settings";
import { adminProcedure, router } from "../trpc";

export const tenantRouter = router({
  settings: adminProcedure.query(({ ctx }) => getTenantSettings(ctx.svc)),
  updateSettings: adminProcedure
    .input(
      z.object({
        slackWebhookUrl: z
          .url("Enter the webhook's full URL")
          .refine((u) => /^https?:\/\//.test(u), "The webhook must be an http(s) URL")
          .nullable(),
      }),
    )
    .mutation(({ ctx, input }) => updateTenantSettings(ctx.svc, input)),
});
