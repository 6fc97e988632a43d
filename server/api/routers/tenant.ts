import { z } from "zod";
import { getTenantSettings, updateTenantSettings } from "@/server/services/tenants/settings";
import { requireCapability, router } from "../trpc";

const manage = requireCapability("tenant.manage");

export const tenantRouter = router({
  settings: manage.query(({ ctx }) => getTenantSettings(ctx.svc)),
  updateSettings: manage
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
