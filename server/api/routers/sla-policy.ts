import "server-only";
import { z } from "zod";
import { uuid } from "@/lib/schemas/common";
import { holidayInput, slaPolicyInput } from "@/lib/schemas/sla";
import {
  addHoliday,
  deletePolicyOverride,
  listPolicies,
  removeHoliday,
  savePolicy,
} from "@/server/services/sla/policies";
import { requireCapability, router } from "../trpc";

const policies = requireCapability("slaPolicy.manage");
const calendar = requireCapability("slaCalendar.manage");

export const slaPolicyRouter = router({
  list: requireCapability("slaPolicy.view").query(({ ctx }) => listPolicies(ctx.svc)),
  save: policies
    .input(slaPolicyInput)
    .mutation(({ ctx, input }) => savePolicy(ctx.svc, input, new Date())),
  removeOverride: policies
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => deletePolicyOverride(ctx.svc, input.id, new Date())),
  addHoliday: calendar
    .input(holidayInput)
    .mutation(({ ctx, input }) => addHoliday(ctx.svc, input, new Date())),
  removeHoliday: calendar
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => removeHoliday(ctx.svc, input.id, new Date())),
});
