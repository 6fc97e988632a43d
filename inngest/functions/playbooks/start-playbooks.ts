import { inngest } from "@/inngest/client";
import { events } from "@/server/events/schemas";
import { jobContext } from "@/server/services/_core/system";
import { startRunsForAlert } from "@/server/services/playbooks/start-runs";

/** After triage: one run of every enabled playbook whose trigger matches the alert. */
export const startPlaybooksFn = inngest.createFunction(
  {
    id: "start-playbooks",
    name: "Start playbooks",
    triggers: [events.alertTriaged],
    concurrency: { key: "event.data.tenantId", limit: 8 },
  },
  // one idempotent unit: the unique (playbook, alert) key makes a repeat start nothing; the
  // guardrail counts at the time triage finished
  async ({ event }) => {
    const out = await startRunsForAlert(
      jobContext(event.data.tenantId, "start-playbooks"),
      event.data,
      new Date(event.ts ?? Date.now()),
    );
    return {
      ...out,
      summary: `${out.started.length} started, ${out.skippedGuardrail.length} over the guardrail`,
    };
  },
);
