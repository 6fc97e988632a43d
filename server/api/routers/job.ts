import { z } from "zod";
import { JOB_IDS, type JobId } from "@/inngest/catalog";
import { getRun, listJobs, listRuns, runJobNow } from "@/server/services/jobs/jobs";
import { adminProcedure, router } from "../trpc";

const jobId = z.enum(JOB_IDS as [JobId, ...JobId[]], "Unknown background function");

export const jobRouter = router({
  list: adminProcedure.query(({ ctx }) => listJobs(ctx.svc, new Date())),
  runs: adminProcedure
    .input(
      z.object({ jobId: jobId.optional(), limit: z.number().int().min(1).max(200).default(50) }),
    )
    .query(({ ctx, input }) => listRuns(ctx.svc, input)),
  run: adminProcedure
    .input(z.object({ id: z.string().min(1).max(100) }))
    .query(({ ctx, input }) => getRun(ctx.svc, input.id)),
  runNow: adminProcedure
    .input(z.object({ jobId }))
    .mutation(({ ctx, input }) => runJobNow(ctx.svc, input)),
});
