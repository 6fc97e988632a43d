import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { JOB_CATALOG, runRequestedEvent } from "@/server/events/catalog";
import { forTenant, platformContext } from "@/server/services/_core/system";
import { detectTenant } from "@/server/services/shifts/detect";
import { listTenantIds } from "@/server/services/tenants/get";

const job = JOB_CATALOG["detect-shift-findings"];
const platform = platformContext("detect-shift-findings");

/**
 * Every 30 minutes, one step per tenant. Findings are stored once (unique keys), so a retried
 * step, or a check-in's own detection running at the same time, raises nothing twice.
 */
export const detectShiftFindingsFn = inngest.createFunction(
  {
    id: "detect-shift-findings",
    name: job.name,
    triggers: [{ cron: job.cron }, { event: runRequestedEvent("detect-shift-findings") }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const now = await runInstant(step);
    const tenants = await step.run("list-tenants", () => listTenantIds(platform));
    let findings = 0;
    let alerts = 0;
    for (const tenantId of tenants) {
      const r = await step.run(`detect-${tenantId}`, () =>
        detectTenant(forTenant(platform, tenantId), now),
      );
      findings += r.findings;
      alerts += r.alerts;
    }
    return { findings, alerts, summary: `${findings} new findings, ${alerts} NOC alerts` };
  },
);
