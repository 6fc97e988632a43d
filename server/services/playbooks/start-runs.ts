import "server-only";
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { schema } from "@/server/db";
import { enqueueEvents } from "@/server/events/outbox";
import type { ServiceCtx } from "../_core/context";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { alertFacts } from "./alert-facts";
import { GUARDRAIL_WINDOW_MS } from "./guardrail";
import { matchesTrigger } from "./match";

const { playbooks, playbookVersions, playbookRuns } = schema;

export type StartOutcome = {
  started: string[];
  skippedGuardrail: string[];
  /** a run of that playbook for this alert existed already (a repeated event) */
  existing: number;
};

/**
 * After triage: every enabled, not killed playbook whose trigger matches the alert gets one
 * run (the unique (playbook, alert) key makes a repeated event a no-op). Past the guardrail
 * (maxRunsPerSiteHour of that playbook at that site) the run is stored as skipped_guardrail,
 * to be counted, and does nothing. A started run's request is queued in the same transaction.
 */
export async function startRunsForAlert(
  ctx: ServiceCtx,
  input: { alertId: string },
  now: Date,
): Promise<StartOutcome> {
  const out: StartOutcome = { started: [], skippedGuardrail: [], existing: 0 };
  const a = await alertFacts(ctx, input.alertId).catch(() => null);
  if (!a || !a.gold || a.status === "resolved") return out;
  const candidates = await ctx.db
    .select({
      id: playbooks.id,
      versionId: playbookVersions.id,
      version: playbookVersions.version,
      definition: playbookVersions.definition,
    })
    .from(playbooks)
    .innerJoin(
      playbookVersions,
      and(
        eq(playbookVersions.playbookId, playbooks.id),
        eq(playbookVersions.version, playbooks.currentVersion),
      ),
    )
    .where(
      and(
        eq(playbooks.tenantId, ctx.tenantId),
        eq(playbooks.enabled, true),
        isNull(playbooks.killedAt),
      ),
    );
  for (const pb of candidates.filter((c) => matchesTrigger(c.definition.trigger, a))) {
    await inTx(ctx, async (tx) => {
      // the guardrail counts a site's runs: one start at a time per playbook and site, so two
      // alerts there at once cannot both pass it (a lock on the whole playbook made every
      // site's starts queue behind each other: 200 ms each at 50 alerts a second)
      await tx.db.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`playbook-start:${pb.id}:${a.siteId}`}, 0))`,
      );
      // a share lock: starts do not wait for each other, and a kill (an update of the row)
      // waits for the starts under way, then cancels what they started
      const [locked] = await tx.db
        .select({ enabled: playbooks.enabled, killedAt: playbooks.killedAt })
        .from(playbooks)
        .where(eq(playbooks.id, pb.id))
        .for("share");
      if (!locked?.enabled || locked.killedAt) return;
      const [{ recent } = { recent: 0 }] = await tx.db
        .select({ recent: sql<number>`count(*)::int` })
        .from(playbookRuns)
        .where(
          and(
            eq(playbookRuns.playbookId, pb.id),
            eq(playbookRuns.siteId, a.siteId),
            gt(playbookRuns.createdAt, new Date(now.getTime() - GUARDRAIL_WINDOW_MS)),
            ne(playbookRuns.status, "skipped_guardrail"),
          ),
        );
      const skip = recent >= pb.definition.maxRunsPerSiteHour;
      const [run] = await tx.db
        .insert(playbookRuns)
        .values({
          tenantId: tx.tenantId,
          playbookId: pb.id,
          versionId: pb.versionId,
          version: pb.version,
          alertId: a.id,
          clientId: a.clientId,
          siteId: a.siteId,
          status: skip ? "skipped_guardrail" : "pending",
          error: skip
            ? `Guardrail: ${recent} runs at this site in the last hour (at most ${pb.definition.maxRunsPerSiteHour})`
            : null,
          finishedAt: skip ? now : null,
          createdAt: now,
        })
        .onConflictDoNothing({ target: [playbookRuns.playbookId, playbookRuns.alertId] })
        .returning({ id: playbookRuns.id });
      if (!run) {
        out.existing += 1;
        return;
      }
      if (skip) out.skippedGuardrail.push(run.id);
      else {
        out.started.push(run.id);
        await enqueueEvents(tx.db, [
          {
            name: "playbooks/run.requested",
            id: `playbook-run-${run.id}`,
            data: { tenantId: tx.tenantId, runId: run.id },
          },
        ]);
      }
      await publish(tx, "playbookRun", [run.id]);
    });
  }
  return out;
}
