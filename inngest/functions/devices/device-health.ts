import { JOB_CATALOG, runRequestedEvent } from "@/server/events/catalog";
import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { events } from "@/server/events/schemas";
import { jobContext, platformContext } from "@/server/services/_core/system";
import { scoreTenantDevices } from "@/server/services/devices/run";
import { listTenantIds } from "@/server/services/tenants/get";

const hourly = JOB_CATALOG["device-health"];
const perTenant = JOB_CATALOG["device-health-tenant"];
const platform = platformContext("device-health");

/**
 * The hourly device run, fanned out: one event per tenant, each run by its own function with
 * a per-tenant concurrency of one, so tenants proceed side by side and one tenant's retry
 * repeats only its own run. Event ids make a replayed fan-out send nothing twice.
 */
export const deviceHealthFn = inngest.createFunction(
  {
    id: "device-health",
    name: hourly.name,
    triggers: [{ cron: hourly.cron }, { event: runRequestedEvent("device-health") }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const now = await runInstant(step);
    const tenants = await step.run("list-tenants", () => listTenantIds(platform));
    if (tenants.length)
      await step.sendEvent(
        "fan-out",
        tenants.map((tenantId) => ({
          id: `device-health:${tenantId}:${now.toISOString()}`,
          name: "devices/health.requested" as const,
          data: { tenantId, at: now.toISOString() },
        })),
      );
    return {
      tenants: tenants.length,
      summary: `device runs requested for ${tenants.length} tenants`,
    };
  },
);

export const deviceHealthTenantFn = inngest.createFunction(
  {
    id: "device-health-tenant",
    name: perTenant.name,
    triggers: [events.deviceHealthRequested],
    concurrency: { key: "event.data.tenantId", limit: 1 },
  },
  async ({ event, step }) => {
    const { tenantId, at } = event.data;
    const r = await step.run("score", () =>
      scoreTenantDevices(jobContext(tenantId, "device-health-tenant"), new Date(at)),
    );
    return {
      ...r,
      summary: `${r.predicted} devices predicted (${r.scoredBy}), ${r.scored} scored, ${r.offline} offline, ${r.alertsRaised} alerts raised, ${r.alertsResolved} resolved`,
    };
  },
);
