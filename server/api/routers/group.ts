import { groupCreateInput, groupMemberInput, groupUpdateInput } from "@/lib/schemas/admin";
import {
  addGroupMember,
  createGroup,
  listGroups,
  removeGroupMember,
  updateGroup,
} from "@/server/services/groups/groups";
import { adminProcedure, requireRole, router } from "../trpc";

export const groupRouter = router({
  list: requireRole("admin", "supervisor").query(({ ctx }) => listGroups(ctx.svc)),
  create: adminProcedure
    .input(groupCreateInput)
    .mutation(({ ctx, input }) => createGroup(ctx.svc, input)),
  update: adminProcedure
    .input(groupUpdateInput)
    .mutation(({ ctx, input }) => updateGroup(ctx.svc, input)),
  addMember: adminProcedure
    .input(groupMemberInput)
    .mutation(({ ctx, input }) => addGroupMember(ctx.svc, input)),
  removeMember: adminProcedure
    .input(groupMemberInput)
    .mutation(({ ctx, input }) => removeGroupMember(ctx.svc, input)),
});
