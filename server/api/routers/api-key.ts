import { z } from "zod";
import { uuid } from "@/lib/schemas/admin";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/services/api-keys/api-keys";
import { adminProcedure, router } from "../trpc";

export const apiKeyRouter = router({
  list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.svc)),
  create: adminProcedure
    .input(z.object({ name: z.string().trim().min(1, "Name the key after what uses it").max(80) }))
    .mutation(({ ctx, input }) => createApiKey(ctx.svc, input)),
  revoke: adminProcedure
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => revokeApiKey(ctx.svc, input, new Date())),
});
