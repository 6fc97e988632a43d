import "server-only";
import { groupCreateInput, groupMemberInput, groupUpdateInput } from "@/lib/schemas/admin";
import {
  addGroupMember,
  createGroup,
  listGroups,
  removeGroupMember,
  updateGroup,
} from "@/server/services/groups/groups";
import { requireCapability, router } from "../trpc";

const manage = requireCapability("group.manage");

export const groupRouter = router({
  list: requireCapability("group.view").query(({ ctx }) => listGroups(ctx.svc)),
  create: manage.input(groupCreateInput).mutation(({ ctx, input }) => createGroup(ctx.svc, input)),
  update: manage.input(groupUpdateInput).mutation(({ ctx, input }) => updateGroup(ctx.svc, input)),
  addMember: manage
    .input(groupMemberInput)
    .mutation(({ ctx, input }) => addGroupMember(ctx.svc, input)),
  removeMember: manage
    .input(groupMemberInput)
    .mutation(({ ctx, input }) => removeGroupMember(ctx.svc, input)),
});
