import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { can } from "@/lib/permissions";
import {
  STEP_KIND_LABELS,
  type PlaybookDefinition,
  type RunStatus,
  type StepKind,
  type StepStatus,
} from "@/lib/schemas/playbooks";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError } from "../_core/errors";
import { requireActorCan } from "../_core/scope";
import { getPlaybookInTenant } from "./manage";
import { emptyStats, playbookStats, type PlaybookStats } from "./stats";

const { playbooks, playbookVersions, playbookRuns, playbookStepResults, alerts, sites, users } =
  schema;

export type RunSummary = {
  id: string;
  playbookId: string;
  playbookName: string;
  version: number;
  alertId: string;
  alertTitle: string;
  alertType: string;
  siteName: string;
  status: RunStatus;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  currentStep: number | null;
  stepCount: number;
  error: string | null;
  resolvedAlert: boolean;
  approvedByName: string | null;
  rejectedByName: string | null;
};

export type PlaybookListItem = {
  id: string;
  name: string;
  enabled: boolean;
  killedAt: Date | null;
  currentVersion: number;
  requiresApproval: boolean;
  alertTypes: string[];
  afterHoursOnly: boolean;
  stepKinds: StepKind[];
  updatedAt: Date;
  stats: PlaybookStats;
  lastRuns: RunSummary[];
};

export type StepResultView = {
  index: number;
  kind: StepKind;
  label: string;
  status: StepStatus;
  attempt: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  output: Record<string, unknown> | null;
  error: string | null;
};

export type RunDetail = RunSummary & {
  approvedAt: Date | null;
  rejectedAt: Date | null;
  decidedVia: string | null;
  definition: PlaybookDefinition;
  steps: StepResultView[];
  /** the viewer may approve or reject it now */
  canDecide: boolean;
};

const approver = alias(users, "approver");
const rejecter = alias(users, "rejecter");

function summaryQuery(ctx: ServiceCtx) {
  return ctx.db
    .select({
      id: playbookRuns.id,
      playbookId: playbookRuns.playbookId,
      playbookName: playbooks.name,
      version: playbookRuns.version,
      alertId: playbookRuns.alertId,
      alertTitle: alerts.title,
      alertType: alerts.type,
      siteName: sites.name,
      status: playbookRuns.status,
      createdAt: playbookRuns.createdAt,
      startedAt: playbookRuns.startedAt,
      finishedAt: playbookRuns.finishedAt,
      currentStep: playbookRuns.currentStep,
      stepCount: sql<number>`jsonb_array_length(${playbookVersions.definition} -> 'steps')`,
      error: playbookRuns.error,
      resolvedAlert: playbookRuns.resolvedAlert,
      approvedByName: approver.name,
      rejectedByName: rejecter.name,
      approvedAt: playbookRuns.approvedAt,
      rejectedAt: playbookRuns.rejectedAt,
      decidedVia: playbookRuns.decidedVia,
      definition: playbookVersions.definition,
    })
    .from(playbookRuns)
    .innerJoin(playbooks, eq(playbooks.id, playbookRuns.playbookId))
    .innerJoin(playbookVersions, eq(playbookVersions.id, playbookRuns.versionId))
    .innerJoin(alerts, eq(alerts.id, playbookRuns.alertId))
    .innerJoin(sites, eq(sites.id, playbookRuns.siteId))
    .leftJoin(approver, eq(approver.id, playbookRuns.approvedBy))
    .leftJoin(rejecter, eq(rejecter.id, playbookRuns.rejectedBy))
    .$dynamic();
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>["execute"]>>[number];

function toSummary(r: SummaryRow): RunSummary {
  return {
    id: r.id,
    playbookId: r.playbookId,
    playbookName: r.playbookName,
    version: r.version,
    alertId: r.alertId,
    alertTitle: r.alertTitle,
    alertType: r.alertType,
    siteName: r.siteName,
    status: r.status,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    currentStep: r.currentStep,
    stepCount: Number(r.stepCount),
    error: r.error,
    resolvedAlert: r.resolvedAlert,
    approvedByName: r.approvedByName,
    rejectedByName: r.rejectedByName,
  };
}

/** The playbooks page: each playbook with its figures and its last five runs. */
export async function listPlaybooks(ctx: ServiceCtx): Promise<PlaybookListItem[]> {
  requireActorCan(ctx, "playbook.view");
  const rows = await ctx.db
    .select({ pb: playbooks, definition: playbookVersions.definition })
    .from(playbooks)
    .innerJoin(
      playbookVersions,
      and(
        eq(playbookVersions.playbookId, playbooks.id),
        eq(playbookVersions.version, playbooks.currentVersion),
      ),
    )
    .where(eq(playbooks.tenantId, ctx.tenantId))
    .orderBy(playbooks.name);
  const ids = rows.map((r) => r.pb.id);
  const [stats, recent] = await Promise.all([
    playbookStats(ctx, ids),
    ids.length
      ? summaryQuery(ctx)
          .where(
            and(
              eq(playbookRuns.tenantId, ctx.tenantId),
              inArray(playbookRuns.playbookId, ids),
              // the last five of each playbook
              sql`${playbookRuns.id} in (select r.id from playbook_runs r where r.playbook_id = ${playbookRuns.playbookId} order by r.created_at desc limit 5)`,
            ),
          )
          .orderBy(desc(playbookRuns.createdAt))
      : [],
  ]);
  return rows.map(({ pb, definition }) => ({
    id: pb.id,
    name: pb.name,
    enabled: pb.enabled,
    killedAt: pb.killedAt,
    currentVersion: pb.currentVersion,
    requiresApproval: definition.requiresApproval,
    alertTypes: definition.trigger.alertTypes,
    afterHoursOnly: definition.trigger.afterHoursOnly,
    stepKinds: definition.steps.map((s) => s.kind),
    updatedAt: pb.updatedAt,
    stats: stats.get(pb.id) ?? emptyStats(),
    lastRuns: recent.filter((r) => r.playbookId === pb.id).map(toSummary),
  }));
}

/** A playbook with its current definition and its versions. */
export async function getPlaybook(ctx: ServiceCtx, id: string) {
  requireActorCan(ctx, "playbook.view");
  const pb = await getPlaybookInTenant(ctx, id);
  const versions = await ctx.db
    .select({
      version: playbookVersions.version,
      definition: playbookVersions.definition,
      createdAt: playbookVersions.createdAt,
      createdByName: users.name,
    })
    .from(playbookVersions)
    .leftJoin(users, eq(users.id, playbookVersions.createdBy))
    .where(and(eq(playbookVersions.playbookId, pb.id), eq(playbookVersions.tenantId, ctx.tenantId)))
    .orderBy(desc(playbookVersions.version));
  const current = versions.find((v) => v.version === pb.currentVersion);
  if (!current) throw new NotFoundError("Playbook version");
  return {
    id: pb.id,
    name: pb.name,
    enabled: pb.enabled,
    killedAt: pb.killedAt,
    currentVersion: pb.currentVersion,
    definition: current.definition,
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt,
      createdByName: v.createdByName,
    })),
    createdAt: pb.createdAt,
    updatedAt: pb.updatedAt,
  };
}
export type PlaybookView = Awaited<ReturnType<typeof getPlaybook>>;

/** Runs of one playbook or against one alert, newest first. */
export async function listRuns(
  ctx: ServiceCtx,
  input: { playbookId: string; limit: number } | { alertId: string; limit: number },
): Promise<RunSummary[]> {
  requireActorCan(ctx, "playbook.view");
  const by =
    "playbookId" in input
      ? eq(playbookRuns.playbookId, (await getPlaybookInTenant(ctx, input.playbookId)).id)
      : eq(playbookRuns.alertId, input.alertId);
  const rows = await summaryQuery(ctx)
    .where(and(eq(playbookRuns.tenantId, ctx.tenantId), by))
    .orderBy(desc(playbookRuns.createdAt))
    .limit(input.limit);
  return rows.map(toSummary);
}

/** One run with its steps (the definition it ran, merged with what each step recorded). */
export async function getRun(ctx: ServiceCtx, id: string): Promise<RunDetail> {
  requireActorCan(ctx, "playbook.view");
  const [row] = await summaryQuery(ctx).where(
    and(eq(playbookRuns.id, id), eq(playbookRuns.tenantId, ctx.tenantId)),
  );
  if (!row) throw new NotFoundError("Playbook run");
  const results = await ctx.db
    .select()
    .from(playbookStepResults)
    .where(and(eq(playbookStepResults.runId, id), eq(playbookStepResults.tenantId, ctx.tenantId)));
  const byIndex = new Map(results.map((r) => [r.stepIndex, r]));
  const steps = row.definition.steps.map((s, index): StepResultView => {
    const r = byIndex.get(index);
    return {
      index,
      kind: s.kind,
      label: STEP_KIND_LABELS[s.kind],
      status: r?.status ?? (row.status === "succeeded" ? "skipped" : "pending"),
      attempt: r?.attempt ?? 0,
      startedAt: r?.startedAt ?? null,
      finishedAt: r?.finishedAt ?? null,
      output: r?.output ?? null,
      error: r?.error ?? null,
    };
  });
  const canDecide =
    row.status === "awaiting_approval" &&
    ctx.actor.type === "user" &&
    can(ctx.actor.role, "playbook.approve");
  return {
    ...toSummary(row),
    approvedAt: row.approvedAt,
    rejectedAt: row.rejectedAt,
    decidedVia: row.decidedVia,
    definition: row.definition,
    steps,
    canDecide,
  };
}
