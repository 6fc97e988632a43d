import "server-only";
import { z } from "zod";
import { text, uuid } from "@/lib/schemas/common";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/services/api-keys/api-keys";
import { requireCapability, router } from "../trpc";

const manage = requireCapability("apiKey.manage");

export const apiKeyRouter = router({
  list: manage.query(({ ctx }) => listApiKeys(ctx.svc)),
  create: manage
    .input(
      z.object({ name: text({ min: 1, minMessage: "Name the key after what uses it", max: 80 }) }),
    )
    .mutation(({ ctx, input }) => createApiKey(ctx.svc, input)),
  revoke: manage
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => revokeApiKey(ctx.svc, input, new Date())),
});
