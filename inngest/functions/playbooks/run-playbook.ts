import { inngest } from "@/inngest/client";
import { APPROVAL_WAIT_HOURS } from "@/lib/playbooks";
import { events } from "@/server/events/schemas";
import { jobContext } from "@/server/services/_core/system";
import {
  checkCondition,
  conditionTimedOut,
  executeStep,
  skipStep,
} from "@/server/services/playbooks/execute";
import {
  beginRun,
  failRun,
  finishRun,
  requestApproval,
  settleApproval,
} from "@/server/services/playbooks/run-state";

const JOB = "run-playbook";

/**
 * One playbook run: a durable step per action. A wait polls with step.sleep between checks;
 * an approval waits for `playbooks/run.decided` (approve, reject, or the kill switch's
 * cancel). A restart replays finished steps from their memoised results. Each step reads the
 * clock inside its own step.run, so a replay sees the instant the step ran at.
 */
export const runPlaybookFn = inngest.createFunction(
  {
    id: JOB,
    name: "Run playbook",
    triggers: [events.playbookRunRequested],
    concurrency: { key: "event.data.tenantId", limit: 10 },
    retries: 3,
    onFailure: async ({ event, error }) => {
      const { tenantId, runId } = event.data.event.data;
      await failRun(jobContext(tenantId, JOB), { runId, error: error.message }, new Date());
    },
  },
  async ({ event, step }) => {
    const { tenantId, runId } = event.data;
    const ctx = () => jobContext(tenantId, JOB);
    const plan = await step.run("begin", () => beginRun(ctx(), { runId }, new Date()));
    if (!plan.go) return { summary: `not run: ${plan.status}` };

    if (plan.requiresApproval) {
      await step.run("request-approval", () => requestApproval(ctx(), { runId }, new Date()));
      const decided = await step.waitForEvent("approval", {
        event: events.playbookRunDecided,
        timeout: `${APPROVAL_WAIT_HOURS}h`,
        match: "data.runId",
      });
      const after = await step.run("after-approval", () =>
        settleApproval(ctx(), { runId, decided: decided !== null }, new Date()),
      );
      if (!after.go) return { summary: `not run: ${after.status}` };
    }

    let lastWait: "met" | "timed_out" | null = null;
    for (const [index, s] of plan.steps.entries()) {
      if (s.runIf !== "always" && s.runIf !== lastWait) {
        const because = `runs only if the last wait ${s.runIf === "met" ? "held" : "timed out"}`;
        await step.run(`step-${index}-skip`, () =>
          skipStep(ctx(), { runId, index, because }, new Date()),
        );
        continue;
      }
      if (s.kind !== "wait_for_condition") {
        const r = await step.run(`step-${index}-${s.kind}`, () =>
          executeStep(ctx(), { runId, index }, new Date()),
        );
        if (r.stop) return { summary: `stopped at step ${index + 1}: ${r.summary}` };
        continue;
      }
      const checks = Math.floor(s.timeoutMinutes / s.everyMinutes);
      let met = false;
      for (let check = 0; check <= checks && !met; check++) {
        if (check > 0) await step.sleep(`step-${index}-sleep-${check}`, `${s.everyMinutes}m`);
        const r = await step.run(`step-${index}-check-${check}`, () =>
          checkCondition(ctx(), { runId, index, check }, new Date()),
        );
        if (r.stop) return { summary: `stopped at step ${index + 1}: ${r.summary}` };
        met = r.met;
      }
      lastWait = met ? "met" : "timed_out";
      if (!met) {
        const t = await step.run(`step-${index}-timeout`, () =>
          conditionTimedOut(ctx(), { runId, index }, new Date()),
        );
        if (t.stop) {
          await step.run("finish", () => finishRun(ctx(), { runId }, new Date()));
          return { summary: `timed out at step ${index + 1}: ${t.onTimeout}` };
        }
      }
    }
    const done = await step.run("finish", () => finishRun(ctx(), { runId }, new Date()));
    return { summary: done.status };
  },
);
