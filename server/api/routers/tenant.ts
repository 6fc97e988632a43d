import "server-only";
import { z } from "zod";
import { webhook } from "@/lib/schemas/admin";
import { getTenantSettings, updateTenantSettings } from "@/server/services/tenants/settings";
import { requireCapability, router } from "../trpc";

const manage = requireCapability("tenant.manage");

export const tenantRouter = router({
  settings: manage.query(({ ctx }) => getTenantSettings(ctx.svc)),
  updateSettings: manage
    .input(
      z.object({
        slackWebhookUrl: webhook,
      }),
    )
    .mutation(({ ctx, input }) => updateTenantSettings(ctx.svc, input)),
});
