import "server-only";
import { z } from "zod";
import { limit, text } from "@/lib/schemas/common";
import { JOB_IDS, type JobId } from "@/server/events/catalog";
import { getRun, listJobs, listRuns, runJobNow } from "@/server/services/jobs/jobs";
import { requireCapability, router } from "../trpc";

const manage = requireCapability("job.manage");

const jobId = z.enum(JOB_IDS as [JobId, ...JobId[]], "Unknown background function");

export const jobRouter = router({
  list: manage.query(({ ctx }) => listJobs(ctx.svc, new Date())),
  runs: manage
    .input(z.object({ jobId: jobId.optional(), limit: limit(200, 50) }))
    .query(({ ctx, input }) => listRuns(ctx.svc, input)),
  run: manage
    .input(z.object({ id: text({ min: 1, max: 100 }) }))
    .query(({ ctx, input }) => getRun(ctx.svc, input.id)),
  runNow: manage.input(z.object({ jobId })).mutation(({ ctx, input }) => runJobNow(ctx.svc, input)),
});
