import "server-only";
import { z } from "zod";
import { getTenant } from "@/server/services/tenants/get";
import { getUserInTenant } from "@/server/services/users/list";
import { updateUser } from "@/server/services/users/update";
import { requireCapability, router } from "../trpc";

const signedIn = requireCapability("signedIn");

export const meRouter = router({
  get: signedIn.query(async ({ ctx }) => {
    const { actor } = ctx.svc;
    const [tenant, user] = await Promise.all([
      getTenant(ctx.svc),
      getUserInTenant(ctx.svc, actor.userId),
    ]);
    return {
      id: actor.userId,
      name: actor.name,
      email: actor.email,
      role: actor.role,
      emailNotifications: user.emailNotifications,
      tenant,
    };
  }),
  updatePreferences: signedIn
    .input(z.object({ emailNotifications: z.boolean() }))
    .mutation(({ ctx, input }) =>
      updateUser(ctx.svc, { id: ctx.svc.actor.userId, ...input }, new Date()),
    ),
});
