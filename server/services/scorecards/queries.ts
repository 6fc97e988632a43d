import "server-only";
import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { KPI_KEYS, type KpiKey } from "@/lib/scorecards";
import { redAtRule } from "@/lib/schemas/scorecards";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError, ValidationError } from "../_core/errors";
import { clientScopeFilter, requireActorCan } from "../_core/scope";
import { getClientInScope } from "./generate";
import type { PdfInput } from "./pdf";
import { defaultTarget, monthBounds, monthOf, previousMonth, validTarget } from "./kpis";

/** The `n` months before the one `now` is in, newest first. */
export function pastMonths(now: Date, n: number): string[] {
  const out: string[] = [];
  let m = monthOf(now);
  for (let i = 0; i < n; i++) out.push((m = previousMonth(m)));
  return out;
}

/** Clients in the actor's scope × the last `months` months, with each current snapshot's RAG. */
export async function scorecardGrid(ctx: ServiceCtx, input: { months: number }, now: Date) {
  requireActorCan(ctx, "scorecard.view");
  const months = pastMonths(now, input.months);
  const clients = await ctx.db
    .select({ id: schema.clients.id, name: schema.clients.name, tier: schema.clients.tier })
    .from(schema.clients)
    .where(
      and(eq(schema.clients.tenantId, ctx.tenantId), clientScopeFilter(ctx, schema.clients.id)),
    )
    .orderBy(asc(schema.clients.name));
  const oldest = months.at(-1);
  const cards =
    clients.length && oldest
      ? await ctx.db
          .select({
            clientId: schema.scorecards.clientId,
            month: schema.scorecards.month,
            id: schema.scorecards.id,
            overallRag: schema.scorecards.overallRag,
            version: schema.scorecards.version,
          })
          .from(schema.scorecards)
          .where(
            and(
              eq(schema.scorecards.tenantId, ctx.tenantId),
              inArray(
                schema.scorecards.clientId,
                clients.map((c) => c.id),
              ),
              gte(schema.scorecards.month, monthBounds(oldest).key),
              sql`${schema.scorecards.supersededAt} is null`,
            ),
          )
      : [];
  const byKey = new Map(cards.map((c) => [`${c.clientId}:${c.month.slice(0, 7)}`, c]));
  return {
    months,
    clients: clients.map((c) => ({
      ...c,
      cells: months.map((month) => {
        const card = byKey.get(`${c.id}:${month}`);
        return card
          ? { month, id: card.id, overallRag: card.overallRag, version: card.version }
          : { month, id: null, overallRag: null, version: null };
      }),
    })),
  };
}

/** One month's current snapshot, its earlier versions, and the five months before it for trends. */
export async function getScorecard(ctx: ServiceCtx, input: { clientId: string; month: string }) {
  requireActorCan(ctx, "scorecard.view");
  const client = await getClientInScope(ctx, input.clientId);
  const months = [input.month];
  for (let i = 0; i < 5; i++) months.push(previousMonth(months.at(-1) ?? input.month));
  const rows = await ctx.db
    .select()
    .from(schema.scorecards)
    .where(
      and(
        eq(schema.scorecards.tenantId, ctx.tenantId),
        eq(schema.scorecards.clientId, client.id),
        inArray(
          schema.scorecards.month,
          months.map((m) => monthBounds(m).key),
        ),
      ),
    )
    .orderBy(desc(schema.scorecards.version));
  const key = monthBounds(input.month).key;
  const current = rows.find((r) => r.month === key && r.supersededAt == null);
  if (!current) throw new NotFoundError("Scorecard");
  const history = months
    .slice(1)
    .reverse()
    .flatMap((m) => {
      const r = rows.find((x) => x.month === monthBounds(m).key && x.supersededAt == null);
      return r ? [{ month: m, kpis: r.kpis.map((k) => ({ key: k.key, value: k.value })) }] : [];
    });
  return {
    client: { id: client.id, name: client.name },
    month: input.month,
    scorecard: current,
    versions: rows
      .filter((r) => r.month === key)
      .map((r) => ({
        id: r.id,
        version: r.version,
        contentHash: r.contentHash,
        generatedAt: r.generatedAt,
        generatedBy: r.generatedBy,
        supersededAt: r.supersededAt,
      })),
    history,
  };
}

/** Targets of every KPI for a client: the contract's where set, the defaults otherwise. */
export async function listTargets(ctx: ServiceCtx, input: { clientId: string }) {
  requireActorCan(ctx, "scorecard.view");
  const client = await getClientInScope(ctx, input.clientId);
  const rows = await ctx.db
    .select()
    .from(schema.scorecardTargets)
    .where(
      and(
        eq(schema.scorecardTargets.tenantId, ctx.tenantId),
        eq(schema.scorecardTargets.clientId, client.id),
      ),
    );
  return KPI_KEYS.map((kpi) => {
    const r = rows.find((x) => x.kpi === kpi);
    return r
      ? { kpi, target: r.target, redAt: r.redAt, isDefault: false }
      : { kpi, ...defaultTarget(kpi), isDefault: true };
  });
}

/** Sets a client's target for one KPI (admins); applies to scorecards generated from now on. */
export async function setTarget(
  ctx: ServiceCtx,
  input: { clientId: string; kpi: KpiKey; target: number; redAt: number },
) {
  requireActorCan(ctx, "scorecard.targets.manage");
  const client = await getClientInScope(ctx, input.clientId);
  const t = { target: input.target, redAt: input.redAt };
  if (!validTarget(input.kpi, t)) throw new ValidationError(redAtRule(input.kpi), "redAt");
  const [before] = await ctx.db
    .select()
    .from(schema.scorecardTargets)
    .where(
      and(
        eq(schema.scorecardTargets.clientId, client.id),
        eq(schema.scorecardTargets.kpi, input.kpi),
      ),
    );
  const by = ctx.actor.type === "user" ? ctx.actor.name : "system";
  await ctx.db
    .insert(schema.scorecardTargets)
    .values({ tenantId: ctx.tenantId, clientId: client.id, kpi: input.kpi, ...t, updatedBy: by })
    .onConflictDoUpdate({
      target: [schema.scorecardTargets.clientId, schema.scorecardTargets.kpi],
      set: { ...t, updatedBy: by },
    });
  await recordAudit(ctx, {
    action: "scorecard.target.set",
    entityType: "client",
    entityId: client.id,
    before: before ? { kpi: input.kpi, target: before.target, redAt: before.redAt } : null,
    after: { kpi: input.kpi, ...t },
  });
  return { kpi: input.kpi, ...t, isDefault: false };
}

/** Puts a client's KPI back on the default target (admins): its row goes, the defaults apply. */
export async function resetTarget(ctx: ServiceCtx, input: { clientId: string; kpi: KpiKey }) {
  requireActorCan(ctx, "scorecard.targets.manage");
  const client = await getClientInScope(ctx, input.clientId);
  const [before] = await ctx.db
    .delete(schema.scorecardTargets)
    .where(
      and(
        eq(schema.scorecardTargets.clientId, client.id),
        eq(schema.scorecardTargets.kpi, input.kpi),
      ),
    )
    .returning();
  if (before)
    await recordAudit(ctx, {
      action: "scorecard.target.reset",
      entityType: "client",
      entityId: client.id,
      before: { kpi: input.kpi, target: before.target, redAt: before.redAt },
      after: { kpi: input.kpi, ...defaultTarget(input.kpi) },
    });
  return { kpi: input.kpi, ...defaultTarget(input.kpi), isDefault: true };
}

/** The scorecard's PDF data, from the stored snapshot and the months before it. */
export async function scorecardPdfInput(
  ctx: ServiceCtx,
  input: { clientId: string; month: string; scorecardId?: string },
): Promise<PdfInput> {
  const got = await getScorecard(ctx, input);
  // a given version (an e-mail attaches the one it announced), else the current one
  const pinned = input.scorecardId
    ? (
        await ctx.db
          .select()
          .from(schema.scorecards)
          .where(
            and(
              eq(schema.scorecards.tenantId, ctx.tenantId),
              eq(schema.scorecards.id, input.scorecardId),
            ),
          )
      )[0]
    : got.scorecard;
  if (!pinned || pinned.clientId !== got.client.id) throw new NotFoundError("Scorecard");
  const d = { ...got, scorecard: pinned };
  const trends: Record<string, (number | null)[]> = {};
  for (const key of KPI_KEYS) {
    const months = [...d.history.map((h) => h.kpis), d.scorecard.kpis];
    trends[key] = months.map((ks) => ks.find((k) => k.key === key)?.value ?? null);
  }
  return {
    clientName: d.client.name,
    month: d.month,
    kpis: d.scorecard.kpis,
    summary: d.scorecard.summary,
    overallRag: d.scorecard.overallRag,
    contentHash: d.scorecard.contentHash,
    generatedAt: d.scorecard.generatedAt,
    version: d.scorecard.version,
    trends,
  };
}
