import "server-only";
import { z } from "zod";
import { limit, uuid } from "@/lib/schemas/common";
import {
  slaFilterSchema,
  ticketCommentInput,
  ticketCreateInput,
  ticketStatusInput,
} from "@/lib/schemas/sla";
import { TICKET_PRIORITIES } from "@/lib/sla";
import { slaCharts, slaSummary } from "@/server/services/sla/charts";
import { listRiskQueue } from "@/server/services/sla/queries";
import { getTicketDetail, ticketAssignees } from "@/server/services/sla/ticket-detail";
import { commentOnTicket } from "@/server/services/sla/ticket-comments";
import {
  assignTicket,
  changeTicketStatus,
  createTicket,
  setTicketPriority,
} from "@/server/services/sla/tickets";
import { requireCapability, router } from "../trpc";

/** Who works tickets: the helpdesk side; site managers see and raise tickets at their sites. */
const helpdesk = requireCapability("ticket.work");
const viewers = requireCapability("ticket.view");
const raisers = requireCapability("ticket.create");

export const ticketRouter = router({
  risk: viewers
    .input(slaFilterSchema.extend({ limit: limit(500, 200) }))
    .query(({ ctx, input }) => listRiskQueue(ctx.svc, input, new Date())),
  summary: viewers.query(({ ctx }) => slaSummary(ctx.svc, new Date())),
  charts: viewers.query(({ ctx }) => slaCharts(ctx.svc, new Date())),
  get: viewers
    .input(z.object({ id: uuid }))
    .query(({ ctx, input }) => getTicketDetail(ctx.svc, input.id, new Date())),
  assignees: helpdesk.query(({ ctx }) => ticketAssignees(ctx.svc)),
  create: raisers
    .input(ticketCreateInput)
    .mutation(({ ctx, input }) => createTicket(ctx.svc, input, new Date())),
  setStatus: helpdesk
    .input(ticketStatusInput)
    .mutation(({ ctx, input }) => changeTicketStatus(ctx.svc, input, new Date())),
  assign: helpdesk
    .input(z.object({ id: uuid, assigneeId: uuid.nullable() }))
    .mutation(({ ctx, input }) => assignTicket(ctx.svc, input)),
  setPriority: requireCapability("ticket.setPriority")
    .input(z.object({ id: uuid, priority: z.enum(TICKET_PRIORITIES) }))
    .mutation(({ ctx, input }) => setTicketPriority(ctx.svc, input, new Date())),
  comment: raisers
    .input(ticketCommentInput)
    .mutation(({ ctx, input }) => commentOnTicket(ctx.svc, input, new Date())),
});
