import "server-only";
import { z } from "zod";
import { instant, limit } from "@/lib/schemas/common";
import { listOutbox } from "@/server/services/notifications/outbox";
import { requireCapability, router } from "../trpc";

export const outboxRouter = router({
  list: requireCapability("outbox.view")
    .input(
      z.object({
        channel: z.enum(["email", "slack"]).optional(),
        status: z.enum(["pending", "sent", "failed"]).optional(),
        cursor: instant("The cursor must be a date").optional(),
        limit: limit(200, 50),
      }),
    )
    .query(({ ctx, input }) => listOutbox(ctx.svc, { ...input, before: input.cursor })),
});
