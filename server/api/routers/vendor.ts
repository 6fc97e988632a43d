import "server-only";
import { z } from "zod";
import { vendorCreateInput, vendorDocumentInput, vendorTrendInput } from "@/lib/schemas/vendors";
import { vendorTrend } from "@/server/services/vendors/trend";
import {
  addVendorDocument,
  createVendor,
  listVendors,
  vendorRankings,
} from "@/server/services/vendors/vendors";
import { requireCapability, router } from "../trpc";

const viewers = requireCapability("vendor.view");
const managers = requireCapability("vendor.manage");

export const vendorRouter = router({
  list: requireCapability("vendor.list").query(({ ctx }) => listVendors(ctx.svc, new Date())),
  create: managers
    .input(vendorCreateInput)
    .mutation(({ ctx, input }) => createVendor(ctx.svc, input)),
  addDocument: managers
    .input(vendorDocumentInput)
    .mutation(({ ctx, input }) => addVendorDocument(ctx.svc, input)),
  rankings: viewers
    .input(z.object({ days: z.number().int().min(7).max(730).default(90) }))
    .query(({ ctx, input }) => vendorRankings(ctx.svc, input, new Date())),
  trend: viewers
    .input(vendorTrendInput)
    .query(({ ctx, input }) => vendorTrend(ctx.svc, input, new Date())),
});
