import { z } from "zod";
import { siteCreateInput, siteUpdateInput } from "@/lib/schemas/admin";
import { uuid } from "@/lib/schemas/common";
import { createSite, getSiteInTenant, listSites, updateSite } from "@/server/services/sites/sites";
import { adminProcedure, router, tenantProcedure } from "../trpc";

export const siteRouter = router({
  list: tenantProcedure
    .input(z.object({ clientId: uuid.optional() }).default({}))
    .query(({ ctx, input }) => listSites(ctx.svc, input)),
  get: tenantProcedure
    .input(z.object({ id: uuid }))
    .query(({ ctx, input }) => getSiteInTenant(ctx.svc, input.id)),
  create: adminProcedure
    .input(siteCreateInput)
    .mutation(({ ctx, input }) => createSite(ctx.svc, input)),
  update: adminProcedure
    .input(siteUpdateInput)
    .mutation(({ ctx, input }) => updateSite(ctx.svc, input)),
});
