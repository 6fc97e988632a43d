import { inngest } from "@/inngest/client";
import { events } from "@/server/events/schemas";
import { jobContext } from "@/server/services/_core/system";
import { triageAlert } from "@/server/services/noc/triage";

/** Scores, explains, routes and escalates an alert within seconds of its arrival. */
export const triageAlertFn = inngest.createFunction(
  {
    id: "triage-alert",
    name: "Triage alert",
    triggers: [events.alertCreated],
    // Per tenant, so one tenant's flood leaves the others room. Bulk runs (below) take at most
    // a quarter of the executor's slots, 8 of 32, and share this limit: it must leave the
    // alerts that arrive one at a time enough room beside them (at 10 they had 2).
    concurrency: { key: "event.data.tenantId", limit: 24 },
    // An SLA run can raise thousands of alerts at once: they wait behind the alerts that come
    // one at a time (an operator's, a panel's through the API), which are triaged first.
    priority: { run: "event.data.bulk == true ? -600 : 0" },
  },
  // One idempotent unit with no step: a step would only add a second call per alert (a step
  // memoises work for later steps, and there are none), and latency is this function's bar.
  // The alert's local hour is read at the event's time: a retry scores it as the first try did.
  async ({ event }) => {
    const outcome = await triageAlert(
      jobContext(event.data.tenantId, "triage-alert"),
      event.data,
      new Date(event.ts ?? Date.now()),
    );
    return {
      ...outcome,
      summary:
        outcome.outcome === "scored"
          ? `scored ${outcome.score} (${outcome.scoredBy})${outcome.routedTo ? ", routed" : ""}${outcome.escalated ? ", escalated" : ""}`
          : outcome.outcome,
    };
  },
);
