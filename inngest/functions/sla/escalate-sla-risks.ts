import { JOB_CATALOG, runRequestedEvent } from "@/server/events/catalog";
import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { forTenant, platformContext } from "@/server/services/_core/system";
import { autoEscalateTenant } from "@/server/services/sla/escalate";
import { listTenantIds } from "@/server/services/tenants/get";

const job = JOB_CATALOG["escalate-sla-risks"];
const platform = platformContext("escalate-sla-risks");

export const escalateSlaRisksFn = inngest.createFunction(
  {
    id: "escalate-sla-risks",
    name: job.name,
    triggers: [{ cron: job.cron }, { event: runRequestedEvent("escalate-sla-risks") }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const now = await runInstant(step);
    const tenants = await step.run("list-tenants", () => listTenantIds(platform));
    let escalated = 0;
    for (const tenantId of tenants) {
      const r = await step.run(`escalate-${tenantId}`, () =>
        autoEscalateTenant(forTenant(platform, tenantId), now),
      );
      escalated += r.escalated;
    }
    return { escalated, summary: `${escalated} tickets escalated` };
  },
);
