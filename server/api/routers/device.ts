import "server-only";
import { z } from "zod";
import { uuid } from "@/lib/schemas/common";
import {
  deviceCreateInput,
  deviceListInput,
  deviceWorkOrderInput,
  fleetFilterSchema,
  gatewayKeyCreateInput,
} from "@/lib/schemas/devices";
import { deviceDetail, deviceSnapshot } from "@/server/services/devices/detail";
import { fleetSummary, listDevices } from "@/server/services/devices/fleet";
import {
  createDevice,
  createGatewayKey,
  listGatewayKeys,
  revokeGatewayKey,
  rotateDeviceKey,
} from "@/server/services/devices/manage";
import { createDeviceWorkOrder } from "@/server/services/devices/work-order";
import { requireCapability, router } from "../trpc";

const viewers = requireCapability("device.view");
const managers = requireCapability("device.manage");

/** Device health (devices.md): the fleet, a device, the NOC's device section, keys. */
export const deviceRouter = router({
  /** histogram, counts, worst 20, per-site summary, replacement list (gold), locked clients */
  fleet: viewers.input(fleetFilterSchema).query(({ ctx, input }) => fleetSummary(ctx.svc, input)),
  list: viewers.input(deviceListInput).query(({ ctx, input }) => listDevices(ctx.svc, input)),
  /** the device page: 7-day series, score trend, prediction, alerts, failures, work orders */
  get: viewers
    .input(z.object({ id: uuid }))
    .query(({ ctx, input }) => deviceDetail(ctx.svc, input, new Date())),
  /** the NOC alert panel's device section: health, 24 h sparkline, prediction */
  snapshot: viewers
    .input(z.object({ id: uuid }))
    .query(({ ctx, input }) => deviceSnapshot(ctx.svc, input, new Date())),
  /** one click from a recommendation: a vendor work order with the diagnostics */
  createWorkOrder: requireCapability("workOrder.manage")
    .input(deviceWorkOrderInput)
    .mutation(({ ctx, input }) => createDeviceWorkOrder(ctx.svc, input, new Date())),
  create: managers
    .input(deviceCreateInput)
    .mutation(({ ctx, input }) => createDevice(ctx.svc, input, new Date())),
  rotateKey: managers
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => rotateDeviceKey(ctx.svc, input)),
  gatewayKeys: managers.query(({ ctx }) => listGatewayKeys(ctx.svc)),
  createGatewayKey: managers
    .input(gatewayKeyCreateInput)
    .mutation(({ ctx, input }) => createGatewayKey(ctx.svc, input)),
  revokeGatewayKey: managers
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => revokeGatewayKey(ctx.svc, input, new Date())),
});
