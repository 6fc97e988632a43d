import { userCreateInput, userUpdateInput } from "@/lib/schemas/admin";
import { createUser } from "@/server/services/users/create";
import { listUsers } from "@/server/services/users/list";
import { updateUser } from "@/server/services/users/update";
import { adminProcedure, router } from "../trpc";

export const userRouter = router({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.svc)),
  create: adminProcedure
    .input(userCreateInput)
    .mutation(({ ctx, input }) => createUser(ctx.svc, input)),
  update: adminProcedure
    .input(userUpdateInput)
    .mutation(({ ctx, input }) => updateUser(ctx.svc, input, new Date())),
});
