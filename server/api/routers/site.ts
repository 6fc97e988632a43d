import "server-only";
import { z } from "zod";
import { siteCreateInput, siteUpdateInput } from "@/lib/schemas/admin";
import { uuid } from "@/lib/schemas/common";
import { paletteSearchInput } from "@/lib/schemas/palette";
import {
  createSite,
  getSiteInTenant,
  listSites,
  searchSites,
  updateSite,
} from "@/server/services/sites/sites";
import { requireCapability, router } from "../trpc";

const view = requireCapability("site.view");
const manage = requireCapability("site.manage");

export const siteRouter = router({
  list: view
    .input(z.object({ clientId: uuid.optional() }).default({}))
    .query(({ ctx, input }) => listSites(ctx.svc, input)),
  get: view
    .input(z.object({ id: uuid }))
    .query(({ ctx, input }) => getSiteInTenant(ctx.svc, input.id)),
  /** The command palette's sites: name or client name, in the user's scope, a few at a time. */
  search: view.input(paletteSearchInput).query(({ ctx, input }) => searchSites(ctx.svc, input)),
  create: manage.input(siteCreateInput).mutation(({ ctx, input }) => createSite(ctx.svc, input)),
  update: manage.input(siteUpdateInput).mutation(({ ctx, input }) => updateSite(ctx.svc, input)),
});
