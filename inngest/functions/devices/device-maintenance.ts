import { JOB_CATALOG, runRequestedEvent } from "@/server/events/catalog";
import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { forTenant, platformContext } from "@/server/services/_core/system";
import { maintainTelemetry, updateReplacements } from "@/server/services/devices/maintain";
import { listTenantIds } from "@/server/services/tenants/get";

const job = JOB_CATALOG["device-maintenance"];
const platform = platformContext("device-maintenance");

/** Partitions and retention for every tenant at once, then each tenant's replacement list. */
export const deviceMaintenanceFn = inngest.createFunction(
  {
    id: "device-maintenance",
    name: job.name,
    triggers: [{ cron: job.cron }, { event: runRequestedEvent("device-maintenance") }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const now = await runInstant(step);
    const kept = await step.run("retention", () => maintainTelemetry(platform, now));
    const tenants = await step.run("list-tenants", () => listTenantIds(platform));
    let listed = 0;
    for (const tenantId of tenants)
      listed += (
        await step.run(`replacement-${tenantId}`, () =>
          updateReplacements(forTenant(platform, tenantId), now),
        )
      ).listed;
    return {
      ...kept,
      listed,
      summary: `${kept.partitionsCreated} partitions created, ${kept.partitionsDropped.length} days of raw readings dropped, ${listed} devices due for replacement`,
    };
  },
);
