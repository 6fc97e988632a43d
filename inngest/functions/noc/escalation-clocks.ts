import { JOB_CATALOG, runRequestedEvent } from "@/server/events/catalog";
import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { events, type AppEvent } from "@/server/events/schemas";
import { platformContext } from "@/server/services/_core/system";
import { runEscalationClocks } from "@/server/services/noc/escalation-clocks";
import { findStragglers } from "@/server/services/noc/retriage";

const job = JOB_CATALOG["escalation-clocks"];
const platform = platformContext("escalation-clocks");
/** Events per send: well under Inngest's payload limit. */
const SEND_BATCH = 500;

export const escalationClocksFn = inngest.createFunction(
  {
    id: "escalation-clocks",
    name: job.name,
    triggers: [{ cron: job.cron }, { event: runRequestedEvent("escalation-clocks") }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const now = await runInstant(step);
    // alerts whose triage never ran go back to the triage function (its concurrency and
    // retries, behind the alerts arriving now), thousands per sweep after an outage
    const stragglers = await step.run("find-stragglers", () => findStragglers(platform, now));
    for (let i = 0; i < stragglers.length; i += SEND_BATCH) {
      await step.sendEvent(
        `triage-stragglers-${i / SEND_BATCH}`,
        stragglers.slice(i, i + SEND_BATCH).map((s): AppEvent => ({
          id: s.eventId,
          name: events.alertCreated.name,
          data: { tenantId: s.tenantId, alertId: s.alertId, bulk: true },
        })),
      );
    }
    const r = await step.run("escalate-overdue", () => runEscalationClocks(platform, now));
    return {
      ...r,
      stragglers: stragglers.length,
      summary: `${r.escalated} escalated of ${r.checked} overdue${stragglers.length ? `, ${stragglers.length} sent to triage late` : ""}`,
    };
  },
);
