import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { JOB_CATALOG } from "@/server/events/catalog";
import { events } from "@/server/events/schemas";
import { jobContext } from "@/server/services/_core/system";
import { materialiseSchedule } from "@/server/services/shifts/materialise";

const job = JOB_CATALOG["rebuild-site-schedule"];

/** A roster change rebuilds its site's next 14 days at once (one at a time per tenant). */
export const rebuildSiteScheduleFn = inngest.createFunction(
  {
    id: "rebuild-site-schedule",
    name: job.name,
    triggers: [events.rosterChanged],
    concurrency: { limit: 1, key: "event.data.tenantId" },
  },
  async ({ event, step }) => {
    const { tenantId, siteIds } = event.data;
    const now = await runInstant(step);
    const r = await step.run("materialise", () =>
      materialiseSchedule(jobContext(tenantId, "rebuild-site-schedule"), { siteIds }, now),
    );
    return {
      ...r,
      summary: `${r.created} shifts added, ${r.updated} updated, ${r.cancelled} cancelled`,
    };
  },
);
