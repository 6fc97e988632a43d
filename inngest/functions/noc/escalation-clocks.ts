import { JOB_CATALOG, runRequestedEvent } from "@/inngest/catalog";
import { inngest } from "@/inngest/client";
import { systemDb } from "@/server/services/_core/system-db";
import { runEscalationClocks } from "@/server/services/noc/escalation-clocks";
import { triageStragglers } from "@/server/services/noc/retriage";

const job = JOB_CATALOG["escalation-clocks"];

export const escalationClocksFn = inngest.createFunction(
  {
    id: "escalation-clocks",
    name: job.name,
    triggers: [{ cron: job.cron }, { event: runRequestedEvent("escalation-clocks") }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const stragglers = await step.run("triage-stragglers", () => triageStragglers(systemDb()));
    const r = await step.run("escalate-overdue", () => runEscalationClocks(systemDb()));
    return {
      ...r,
      stragglers,
      summary: `${r.escalated} escalated of ${r.checked} overdue${stragglers ? `, ${stragglers} late triage` : ""}`,
    };
  },
);
