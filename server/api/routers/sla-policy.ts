import { z } from "zod";
import { uuid } from "@/lib/schemas/admin";
import { holidayInput, slaPolicyInput } from "@/lib/schemas/sla";
import {
  addHoliday,
  deletePolicyOverride,
  listPolicies,
  removeHoliday,
  savePolicy,
} from "@/server/services/sla/policies";
import { requireRole, router } from "../trpc";

const managers = requireRole("admin", "supervisor");

export const slaPolicyRouter = router({
  list: requireRole("admin", "supervisor", "noc_operator").query(({ ctx }) =>
    listPolicies(ctx.svc),
  ),
  save: requireRole("admin")
    .input(slaPolicyInput)
    .mutation(({ ctx, input }) => savePolicy(ctx.svc, input, new Date())),
  removeOverride: requireRole("admin")
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => deletePolicyOverride(ctx.svc, input.id, new Date())),
  addHoliday: managers
    .input(holidayInput)
    .mutation(({ ctx, input }) => addHoliday(ctx.svc, input, new Date())),
  removeHoliday: managers
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => removeHoliday(ctx.svc, input.id, new Date())),
});
