import "server-only";
import { z } from "zod";
import { limit, uuid } from "@/lib/schemas/common";
import {
  noteInput,
  workOrderCreateInput,
  workOrderFilterSchema,
  workOrderMoveInput,
  workOrderUpdateInput,
} from "@/lib/schemas/vendors";
import { revokeVendorLink, sendVendorLink } from "@/server/services/vendors/portal";
import { getWorkOrderDetail, listWorkOrders } from "@/server/services/vendors/queries";
import {
  assignWorkOrder,
  confirmRework,
  moveWorkOrder,
  noteOnWorkOrder,
} from "@/server/services/vendors/work-order-flow";
import { createWorkOrder, updateWorkOrder } from "@/server/services/vendors/work-orders";
import { requestHost, requestProtocol } from "../client-address";
import { requireCapability, router } from "../trpc";

/** Who manages work orders (platform.md): supervisors and admins, site managers at their sites. */
const managers = requireCapability("workOrder.manage");

/** The app's public address for vendor links: APP_URL, else the address this request came to. */
function baseUrl(headers: Headers): string {
  if (process.env.APP_URL) return process.env.APP_URL;
  const host = requestHost(headers) ?? "localhost:3000";
  const proto =
    requestProtocol(headers) ??
    (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export const workOrderRouter = router({
  list: managers
    .input(workOrderFilterSchema.extend({ limit: limit(500, 200) }))
    .query(({ ctx, input }) => listWorkOrders(ctx.svc, input)),
  get: managers
    .input(z.object({ id: uuid }))
    .query(({ ctx, input }) => getWorkOrderDetail(ctx.svc, input.id, new Date())),
  create: managers
    .input(workOrderCreateInput)
    .mutation(({ ctx, input }) => createWorkOrder(ctx.svc, input, new Date())),
  update: managers
    .input(workOrderUpdateInput)
    .mutation(({ ctx, input }) => updateWorkOrder(ctx.svc, input)),
  assign: managers
    .input(z.object({ id: uuid, vendorId: uuid }))
    .mutation(({ ctx, input }) => assignWorkOrder(ctx.svc, input, new Date())),
  move: managers
    .input(workOrderMoveInput)
    .mutation(({ ctx, input }) => moveWorkOrder(ctx.svc, input, new Date())),
  note: managers
    .input(noteInput.extend({ id: uuid }))
    .mutation(({ ctx, input }) => noteOnWorkOrder(ctx.svc, input, new Date())),
  sendLink: managers
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) =>
      sendVendorLink(ctx.svc, { id: input.id, baseUrl: baseUrl(ctx.headers) }, new Date()),
    ),
  revokeLink: managers
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => revokeVendorLink(ctx.svc, input, new Date())),
  confirmRework: managers
    .input(z.object({ id: uuid, confirmed: z.boolean() }))
    .mutation(({ ctx, input }) => confirmRework(ctx.svc, input)),
});
