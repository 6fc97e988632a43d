import "server-only";
import { userCreateInput, userUpdateInput } from "@/lib/schemas/admin";
import { createUser } from "@/server/services/users/create";
import { listUsers } from "@/server/services/users/list";
import { updateUser } from "@/server/services/users/update";
import { requireCapability, router } from "../trpc";

const manage = requireCapability("user.manage");

export const userRouter = router({
  list: manage.query(({ ctx }) => listUsers(ctx.svc)),
  create: manage
    .input(userCreateInput)
    .mutation(({ ctx, input }) => createUser(ctx.svc, input, new Date())),
  update: manage
    .input(userUpdateInput)
    .mutation(({ ctx, input }) => updateUser(ctx.svc, input, new Date())),
});
