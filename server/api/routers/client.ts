import { z } from "zod";
import { clientCreateInput, clientUpdateInput } from "@/lib/schemas/admin";
import { uuid } from "@/lib/schemas/common";
import {
  createClient,
  getClientInTenant,
  listClients,
  updateClient,
} from "@/server/services/clients/clients";
import { adminProcedure, router, tenantProcedure } from "../trpc";

export const clientRouter = router({
  list: tenantProcedure.query(({ ctx }) => listClients(ctx.svc)),
  get: tenantProcedure
    .input(z.object({ id: uuid }))
    .query(({ ctx, input }) => getClientInTenant(ctx.svc, input.id)),
  create: adminProcedure
    .input(clientCreateInput)
    .mutation(({ ctx, input }) => createClient(ctx.svc, input)),
  update: adminProcedure
    .input(clientUpdateInput)
    .mutation(({ ctx, input }) => updateClient(ctx.svc, input)),
});
