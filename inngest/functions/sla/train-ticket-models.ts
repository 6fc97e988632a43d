import { JOB_CATALOG, runRequestedEvent } from "@/server/events/catalog";
import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { forTenant, platformContext } from "@/server/services/_core/system";
import { trainTicketModel } from "@/server/services/sla/train";
import { listTenantIds } from "@/server/services/tenants/get";

const job = JOB_CATALOG["train-ticket-models"];
const platform = platformContext("train-ticket-models");

export const trainTicketModelsFn = inngest.createFunction(
  {
    id: "train-ticket-models",
    name: job.name,
    triggers: [{ cron: job.cron }, { event: runRequestedEvent("train-ticket-models") }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const now = await runInstant(step);
    const tenants = await step.run("list-tenants", () => listTenantIds(platform));
    let trained = 0;
    for (const tenantId of tenants) {
      const r = await step.run(`train-${tenantId}`, () =>
        trainTicketModel(forTenant(platform, tenantId), now),
      );
      if (r.outcome === "trained") trained++;
    }
    return { trained, summary: `${trained} of ${tenants.length} tenants have a usable model` };
  },
);
