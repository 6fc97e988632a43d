import { z } from "zod";
import { listOutbox } from "@/server/services/notifications/outbox";
import { requireCapability, router } from "../trpc";

export const outboxRouter = router({
  list: requireCapability("outbox.view")
    .input(
      z.object({
        channel: z.enum(["email", "slack"]).optional(),
        status: z.enum(["pending", "sent", "failed"]).optional(),
        cursor: z.date().optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => listOutbox(ctx.svc, { ...input, before: input.cursor })),
});
