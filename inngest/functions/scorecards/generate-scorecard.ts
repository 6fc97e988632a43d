import { NonRetriableError } from "inngest";
import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { events } from "@/server/events/schemas";
import { ServiceError } from "@/server/services/_core/errors";
import { emailScorecard } from "@/server/services/scorecards/email";
import { generateScorecard } from "@/server/services/scorecards/generate";
import { jobContext } from "@/server/services/_core/system";

/** One client's scorecard of a past month; a month already stored is left as it is. */
export const generateScorecardFn = inngest.createFunction(
  {
    id: "generate-scorecard",
    name: "Generate scorecard",
    triggers: [events.scorecardRequested],
    concurrency: { key: "event.data.tenantId", limit: 2 },
  },
  async ({ event, step }) => {
    const now = await runInstant(step);
    const r = await step.run("generate", async () => {
      try {
        const ctx = jobContext(event.data.tenantId, "generate-scorecard");
        const { scorecard, created } = await generateScorecard(ctx, event.data, now);
        return { id: scorecard.id, version: scorecard.version, created };
      } catch (err) {
        // a bad month or a missing client will not get better by retrying
        if (err instanceof ServiceError && (err.kind === "validation" || err.kind === "not_found"))
          throw new NonRetriableError(err.message);
        throw err;
      }
    });
    const mailed =
      r.created && event.data.email
        ? await step.run("email", () =>
            emailScorecard(jobContext(event.data.tenantId, "generate-scorecard"), {
              scorecardId: r.id,
            }),
          )
        : { queued: 0 };
    return {
      ...r,
      emailed: mailed.queued,
      summary: `${event.data.month}: ${r.created ? `version ${r.version} stored` : "already stored"}`,
    };
  },
);
