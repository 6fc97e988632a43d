import "server-only";
import { z } from "zod";
import { uuid } from "@/lib/schemas/common";
import {
  assignmentCreateInput,
  assignmentUpdateInput,
  checkpointCreateInput,
  checkpointReorderInput,
  checkpointUpdateInput,
  postCreateInput,
  postUpdateInput,
  rosterListInput,
  templateCreateInput,
  templateUpdateInput,
  tourCreateInput,
  tourUpdateInput,
} from "@/lib/schemas/shifts";
import {
  createPost,
  createTemplate,
  listPosts,
  listTemplates,
  updatePost,
  updateTemplate,
} from "@/server/services/shifts/roster";
import {
  createAssignment,
  deleteAssignment,
  listAssignments,
  listGuards,
  updateAssignment,
} from "@/server/services/shifts/roster-assignments";
import {
  addCheckpoint,
  listTours,
  regenerateCheckpointToken,
  reorderCheckpoints,
  updateCheckpoint,
  createTour,
  updateTour,
} from "@/server/services/shifts/tour-roster";
import { requireCapability, router } from "../trpc";

/** Roster editing: site managers at their sites, and admins. Every write rebuilds the schedule. */
const managers = requireCapability("shifts.manage");

export const rosterRouter = router({
  posts: managers.input(rosterListInput).query(({ ctx, input }) => listPosts(ctx.svc, input)),
  createPost: managers
    .input(postCreateInput)
    .mutation(({ ctx, input }) => createPost(ctx.svc, input)),
  updatePost: managers
    .input(postUpdateInput)
    .mutation(({ ctx, input }) => updatePost(ctx.svc, input)),
  templates: managers
    .input(rosterListInput)
    .query(({ ctx, input }) => listTemplates(ctx.svc, input)),
  createTemplate: managers
    .input(templateCreateInput)
    .mutation(({ ctx, input }) => createTemplate(ctx.svc, input)),
  updateTemplate: managers
    .input(templateUpdateInput)
    .mutation(({ ctx, input }) => updateTemplate(ctx.svc, input)),
  assignments: managers
    .input(rosterListInput.extend({ templateId: uuid.optional() }))
    .query(({ ctx, input }) => listAssignments(ctx.svc, input)),
  createAssignment: managers
    .input(assignmentCreateInput)
    .mutation(({ ctx, input }) => createAssignment(ctx.svc, input)),
  updateAssignment: managers
    .input(assignmentUpdateInput)
    .mutation(({ ctx, input }) => updateAssignment(ctx.svc, input)),
  deleteAssignment: managers
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => deleteAssignment(ctx.svc, input)),
  guards: managers.input(rosterListInput).query(({ ctx, input }) => listGuards(ctx.svc, input)),
  tours: managers.input(rosterListInput).query(({ ctx, input }) => listTours(ctx.svc, input)),
  createTour: managers
    .input(tourCreateInput)
    .mutation(({ ctx, input }) => createTour(ctx.svc, input)),
  updateTour: managers
    .input(tourUpdateInput)
    .mutation(({ ctx, input }) => updateTour(ctx.svc, input)),
  addCheckpoint: managers
    .input(checkpointCreateInput)
    .mutation(({ ctx, input }) => addCheckpoint(ctx.svc, input)),
  updateCheckpoint: managers
    .input(checkpointUpdateInput)
    .mutation(({ ctx, input }) => updateCheckpoint(ctx.svc, input)),
  reorderCheckpoints: managers
    .input(checkpointReorderInput)
    .mutation(({ ctx, input }) => reorderCheckpoints(ctx.svc, input)),
  newCheckpointCode: managers
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => regenerateCheckpointToken(ctx.svc, input)),
});
