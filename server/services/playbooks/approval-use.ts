import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { ConflictError } from "../_core/errors";
import { requireActorCan } from "../_core/scope";
import { inTx } from "../_core/tx";
import { decideRun } from "./decide";
import { verifyApprovalToken, type LinkClaims } from "./approval-link";

const { playbookApprovalTokens, playbookRuns, playbooks, alerts, sites } = schema;

export type LinkView =
  | { ok: false; message: string }
  | {
      ok: true;
      claims: LinkClaims;
      playbookName: string;
      alertTitle: string;
      alertType: string;
      siteName: string;
    };

const INVALID = "This link is not valid. Nothing was done.";

/** What an approval link is about, for its confirmation page; nothing is changed. */
export async function inspectApprovalLink(
  ctx: ServiceCtx,
  token: unknown,
  now: Date,
): Promise<LinkView> {
  requireActorCan(ctx, "playbook.approve", "Only supervisors and admins approve playbook runs");
  const check = verifyApprovalToken(token, now);
  if (!check.ok)
    return {
      ok: false,
      message: check.reason === "expired" ? "This link has expired. Nothing was done." : INVALID,
    };
  const [row] = await ctx.db
    .select({
      usedAt: playbookApprovalTokens.usedAt,
      status: playbookRuns.status,
      playbookName: playbooks.name,
      alertTitle: alerts.title,
      alertType: alerts.type,
      siteName: sites.name,
    })
    .from(playbookApprovalTokens)
    .innerJoin(playbookRuns, eq(playbookRuns.id, playbookApprovalTokens.runId))
    .innerJoin(playbooks, eq(playbooks.id, playbookRuns.playbookId))
    .innerJoin(alerts, eq(alerts.id, playbookRuns.alertId))
    .innerJoin(sites, eq(sites.id, playbookRuns.siteId))
    .where(
      and(
        eq(playbookApprovalTokens.tokenHash, check.hash),
        eq(playbookApprovalTokens.tenantId, ctx.tenantId),
        eq(playbookApprovalTokens.runId, check.claims.runId),
        eq(playbookApprovalTokens.decision, check.claims.decision),
      ),
    );
  if (!row) return { ok: false, message: INVALID };
  if (row.usedAt || row.status !== "awaiting_approval")
    return { ok: false, message: "This link has already been used. Nothing was done." };
  return { ok: true, claims: check.claims, ...row };
}

/**
 * Follows an approval link: the token is spent (first come, first served under concurrent
 * clicks: its row is locked and `used_at` checked) and its run decided by the signed-in user.
 */
export async function followApprovalLink(
  ctx: ServiceCtx,
  token: unknown,
  now: Date,
): Promise<{ decision: LinkClaims["decision"]; runId: string }> {
  const view = await inspectApprovalLink(ctx, token, now);
  if (!view.ok) throw new ConflictError(view.message);
  const by = ctx.actor.type === "user" ? ctx.actor.userId : null;
  return inTx(ctx, async (tx) => {
    const spent = await tx.db
      .update(playbookApprovalTokens)
      .set({ usedAt: now, usedBy: by })
      .where(
        and(
          eq(playbookApprovalTokens.runId, view.claims.runId),
          eq(playbookApprovalTokens.decision, view.claims.decision),
          eq(playbookApprovalTokens.tenantId, tx.tenantId),
          // the conditional update is the single-use check: a second click finds it spent
          isNull(playbookApprovalTokens.usedAt),
        ),
      )
      .returning({ usedAt: playbookApprovalTokens.usedAt });
    if (!spent.length)
      throw new ConflictError("This link has already been used. Nothing was done.");
    await decideRun(
      tx,
      { runId: view.claims.runId, decision: view.claims.decision, via: "link" },
      now,
    );
    return { decision: view.claims.decision, runId: view.claims.runId };
  });
}
