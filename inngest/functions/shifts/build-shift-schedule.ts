import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { JOB_CATALOG, runRequestedEvent } from "@/server/events/catalog";
import { forTenant, platformContext } from "@/server/services/_core/system";
import { materialiseSchedule, sitesDueForRebuild } from "@/server/services/shifts/materialise";

const job = JOB_CATALOG["build-shift-schedule"];
const platform = platformContext("build-shift-schedule");

/**
 * Hourly: each site is rebuilt at its own 02:00 (so every zone once a day), one step per
 * tenant; materialisation is idempotent, so a retried or repeated step changes nothing more.
 * "Run now" rebuilds every site of the requester's tenant.
 */
export const buildShiftScheduleFn = inngest.createFunction(
  {
    id: "build-shift-schedule",
    name: job.name,
    triggers: [{ cron: job.cron }, { event: runRequestedEvent("build-shift-schedule") }],
    concurrency: { limit: 1 },
  },
  async ({ event, step }) => {
    const now = await runInstant(step);
    const requested = event.name === runRequestedEvent("build-shift-schedule");
    const due = requested
      ? [{ tenantId: (event.data as { tenantId: string }).tenantId, siteIds: undefined }]
      : await step.run("sites-at-0200", () => sitesDueForRebuild(platform, now));
    let created = 0;
    let updated = 0;
    let cancelled = 0;
    for (const d of due) {
      const r = await step.run(`build-${d.tenantId}`, () =>
        materialiseSchedule(
          forTenant(platform, d.tenantId),
          d.siteIds ? { siteIds: d.siteIds } : {},
          now,
        ),
      );
      created += r.created;
      updated += r.updated;
      cancelled += r.cancelled;
    }
    return {
      tenants: due.length,
      created,
      updated,
      cancelled,
      summary: `${created} shifts added, ${updated} updated, ${cancelled} cancelled across ${due.length} tenants`,
    };
  },
);
