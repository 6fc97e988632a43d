import { JOB_CATALOG, runRequestedEvent } from "@/server/events/catalog";
import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { forTenant, platformContext } from "@/server/services/_core/system";
import { predictTenant } from "@/server/services/sla/predict";
import { listTenantIds } from "@/server/services/tenants/get";

const job = JOB_CATALOG["predict-sla-breaches"];
const platform = platformContext("predict-sla-breaches");

/** One step per tenant: a retry re-scores only the tenants that have not finished. */
export const predictSlaBreachesFn = inngest.createFunction(
  {
    id: "predict-sla-breaches",
    name: job.name,
    triggers: [{ cron: job.cron }, { event: runRequestedEvent("predict-sla-breaches") }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const now = await runInstant(step);
    const tenants = await step.run("list-tenants", () => listTenantIds(platform));
    let scored = 0;
    let atRisk = 0;
    let raised = 0;
    for (const tenantId of tenants) {
      const r = await step.run(`predict-${tenantId}`, () =>
        predictTenant(forTenant(platform, tenantId), now),
      );
      scored += r.scored;
      atRisk += r.atRisk;
      raised += r.alertsRaised;
    }
    return {
      scored,
      atRisk,
      raised,
      summary: `${scored} open tickets scored, ${atRisk} at risk, ${raised} new alerts`,
    };
  },
);
