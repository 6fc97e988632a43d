import "server-only";
import { z } from "zod";
import { clientCreateInput, clientUpdateInput } from "@/lib/schemas/admin";
import { uuid } from "@/lib/schemas/common";
import {
  createClient,
  getClientInTenant,
  listClients,
  updateClient,
} from "@/server/services/clients/clients";
import { requireCapability, router } from "../trpc";

const view = requireCapability("client.view");
const manage = requireCapability("client.manage");

export const clientRouter = router({
  list: view.query(({ ctx }) => listClients(ctx.svc)),
  get: view
    .input(z.object({ id: uuid }))
    .query(({ ctx, input }) => getClientInTenant(ctx.svc, input.id)),
  create: manage
    .input(clientCreateInput)
    .mutation(({ ctx, input }) => createClient(ctx.svc, input)),
  update: manage
    .input(clientUpdateInput)
    .mutation(({ ctx, input }) => updateClient(ctx.svc, input)),
});
