import "server-only";
import { z } from "zod";
import { uuid } from "@/lib/schemas/common";
import {
  approvalInput,
  playbookCreateInput,
  playbookDryRunInput,
  playbookUpdateInput,
  runsFilterInput,
} from "@/lib/schemas/playbooks";
import { decideRun } from "@/server/services/playbooks/decide";
import {
  dryRunAlert,
  dryRunHistory,
  type DryRunAlertResult,
  type DryRunHistoryResult,
} from "@/server/services/playbooks/dry-run";
import {
  createPlaybook,
  killPlaybook,
  setPlaybookEnabled,
  updatePlaybook,
} from "@/server/services/playbooks/manage";
import { getPlaybook, getRun, listPlaybooks, listRuns } from "@/server/services/playbooks/queries";
import { requireCapability, router } from "../trpc";

const view = requireCapability("playbook.view");
const manage = requireCapability("playbook.manage");
const approve = requireCapability("playbook.approve");

export const playbookRouter = router({
  /** The playbooks page: figures and last runs of each. */
  list: view.query(({ ctx }) => listPlaybooks(ctx.svc)),
  get: view.input(z.object({ id: uuid })).query(({ ctx, input }) => getPlaybook(ctx.svc, input.id)),
  create: manage
    .input(playbookCreateInput)
    .mutation(({ ctx, input }) => createPlaybook(ctx.svc, input)),
  /** Saves a new version (runs keep the version they started with). */
  update: manage
    .input(playbookUpdateInput)
    .mutation(({ ctx, input }) => updatePlaybook(ctx.svc, input)),
  setEnabled: manage
    .input(z.object({ id: uuid, enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setPlaybookEnabled(ctx.svc, input)),
  /** Kill switch: no new runs, unfinished runs cancelled. */
  kill: requireCapability("playbook.kill")
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => killPlaybook(ctx.svc, input, new Date())),
  /** An unsaved definition against one alert (step by step) or the last N days (counts). */
  dryRun: manage
    .input(playbookDryRunInput)
    .mutation(({ ctx, input }): Promise<DryRunAlertResult | DryRunHistoryResult> =>
      "alertId" in input ? dryRunAlert(ctx.svc, input) : dryRunHistory(ctx.svc, input, new Date()),
    ),
  runs: view.input(runsFilterInput).query(({ ctx, input }) => listRuns(ctx.svc, input)),
  run: view.input(z.object({ id: uuid })).query(({ ctx, input }) => getRun(ctx.svc, input.id)),
  approve: approve
    .input(approvalInput)
    .mutation(({ ctx, input }) =>
      decideRun(ctx.svc, { ...input, decision: "approve", via: "app" }, new Date()),
    ),
  reject: approve
    .input(approvalInput)
    .mutation(({ ctx, input }) =>
      decideRun(ctx.svc, { ...input, decision: "reject", via: "app" }, new Date()),
    ),
});
