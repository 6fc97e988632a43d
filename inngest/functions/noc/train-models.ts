import { JOB_CATALOG, runRequestedEvent } from "@/server/events/catalog";
import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { forTenant, platformContext } from "@/server/services/_core/system";
import { trainAlertModel } from "@/server/services/noc/train-model";
import { listTenantIds } from "@/server/services/tenants/get";

const job = JOB_CATALOG["train-models"];
const platform = platformContext("train-models");

/** One step per tenant, so a retry re-trains only the tenants that have not finished. */
export const trainModelsFn = inngest.createFunction(
  {
    id: "train-models",
    name: job.name,
    triggers: [{ cron: job.cron }, { event: runRequestedEvent("train-models") }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const now = await runInstant(step);
    const tenants = await step.run("list-tenants", () => listTenantIds(platform));
    const results = [];
    for (const tenantId of tenants) {
      results.push(
        await step.run(`train-${tenantId}`, () =>
          trainAlertModel(forTenant(platform, tenantId), now),
        ),
      );
    }
    const trained = results.filter((r) => r.outcome === "trained").length;
    return {
      tenants: tenants.length,
      trained,
      summary: `${trained} of ${tenants.length} tenants have a usable model`,
    };
  },
);
