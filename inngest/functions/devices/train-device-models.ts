import { JOB_CATALOG, runRequestedEvent } from "@/server/events/catalog";
import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { forTenant, platformContext } from "@/server/services/_core/system";
import { trainDeviceModel } from "@/server/services/devices/train";
import { listTenantIds } from "@/server/services/tenants/get";

const job = JOB_CATALOG["train-device-models"];
const platform = platformContext("train-device-models");

/** One step per tenant, so a retry re-trains only the tenants that have not finished. */
export const trainDeviceModelsFn = inngest.createFunction(
  {
    id: "train-device-models",
    name: job.name,
    triggers: [{ cron: job.cron }, { event: runRequestedEvent("train-device-models") }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const now = await runInstant(step);
    const tenants = await step.run("list-tenants", () => listTenantIds(platform));
    const results = [];
    for (const tenantId of tenants)
      results.push(
        await step.run(`train-${tenantId}`, () =>
          trainDeviceModel(forTenant(platform, tenantId), now),
        ),
      );
    const trained = results.filter((r) => r.outcome === "trained").length;
    return {
      tenants: tenants.length,
      trained,
      summary: `${trained} of ${tenants.length} tenants have a usable device model`,
    };
  },
);
