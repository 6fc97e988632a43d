import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { KPI_KEYS, MONTH_PATTERN, type KpiKey, type KpiResult } from "@/lib/scorecards";
import { schema, type DbOrTx } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError, ValidationError } from "../_core/errors";
import { clientScopeFilter, requireActorCan } from "../_core/scope";
import { inTx } from "../_core/tx";
import {
  buildKpi,
  contentHash,
  defaultTarget,
  monthBounds,
  monthOf,
  notTracked,
  overallRag,
  previousMonth,
  summarize,
  type Target,
} from "./kpis";
import { SOURCES, type Measures } from "./sources";

export type Scorecard = typeof schema.scorecards.$inferSelect;
type ClientRow = { id: string; name: string; createdAt: Date };

/** A month that is over and in which the client existed; "2026-10" → itself. */
export function checkMonth(client: ClientRow, month: string, now: Date): void {
  if (!MONTH_PATTERN.test(month)) throw new ValidationError("Month must be YYYY-MM", "month");
  if (month >= monthOf(now))
    throw new ValidationError(`${month} is not over yet; scorecards cover past months`, "month");
  if (month < monthOf(client.createdAt))
    throw new ValidationError(
      `${client.name} was not a client yet in ${month} (since ${monthOf(client.createdAt)})`,
      "month",
    );
}

async function targetsFor(db: DbOrTx, tenantId: string, clientIds: string[]) {
  const rows = clientIds.length
    ? await db
        .select()
        .from(schema.scorecardTargets)
        .where(
          and(
            eq(schema.scorecardTargets.tenantId, tenantId),
            sql`${schema.scorecardTargets.clientId} = any(${`{${clientIds.join(",")}}`}::uuid[])`,
          ),
        )
    : [];
  return (clientId: string, key: KpiKey): Target => {
    const r = rows.find((t) => t.clientId === clientId && t.kpi === key);
    return r ? { target: r.target, redAt: r.redAt } : defaultTarget(key);
  };
}

/** Current snapshots of `month` for these clients, by client. */
async function currentOf(db: DbOrTx, tenantId: string, clientIds: string[], month: string) {
  if (!clientIds.length) return new Map<string, Scorecard>();
  const rows = await db
    .select()
    .from(schema.scorecards)
    .where(
      and(
        eq(schema.scorecards.tenantId, tenantId),
        eq(schema.scorecards.month, monthBounds(month).key),
        isNull(schema.scorecards.supersededAt),
        sql`${schema.scorecards.clientId} = any(${`{${clientIds.join(",")}}`}::uuid[])`,
      ),
    );
  return new Map(rows.map((r) => [r.clientId, r]));
}

async function measureAll(db: DbOrTx, tenantId: string, clientIds: string[], month: string) {
  const { start, end } = monthBounds(month);
  const input = { tenantId, clientIds, start, end };
  const parts = await Promise.all(SOURCES.map((s) => s.measure(db, input)));
  return (clientId: string): Measures => Object.assign({}, ...parts.map((p) => p.get(clientId)));
}

export type ComputedScorecard = {
  clientId: string;
  month: string;
  kpis: KpiResult[];
  summary: string[];
  overallRag: Scorecard["overallRag"];
  contentHash: string;
};

/**
 * Every KPI of these clients' month, set-based: each source runs its queries once for all of
 * them. Previous values come from the previous month's stored snapshot when there is one (the
 * numbers its readers saw), measured afresh otherwise.
 */
export async function computeScorecards(
  db: DbOrTx,
  tenantId: string,
  clientIds: string[],
  month: string,
): Promise<ComputedScorecard[]> {
  const prev = previousMonth(month);
  const [measures, stored, target] = await Promise.all([
    measureAll(db, tenantId, clientIds, month),
    currentOf(db, tenantId, clientIds, prev),
    targetsFor(db, tenantId, clientIds),
  ]);
  const missing = clientIds.filter((c) => !stored.has(c));
  const prevMeasures = missing.length ? await measureAll(db, tenantId, missing, prev) : null;
  return clientIds.map((clientId) => {
    const m = measures(clientId);
    const snap = stored.get(clientId);
    const pm = snap ? null : prevMeasures?.(clientId);
    const previous = (key: KpiKey): number | null => {
      if (snap) return snap.kpis.find((k) => k.key === key)?.value ?? null;
      const p = pm?.[key];
      return p?.status === "ok" ? p.value : null;
    };
    const kpis = KPI_KEYS.map((key) =>
      buildKpi(key, m[key] ?? notTracked("no source"), previous(key), target(clientId, key)),
    );
    const summary = summarize(kpis);
    return {
      clientId,
      month,
      kpis,
      summary,
      overallRag: overallRag(kpis),
      contentHash: contentHash({ clientId, month, kpis, summary }),
    };
  });
}

/**
 * Stores a computed snapshot unless the month already has one (then returns that one, so a
 * re-run changes nothing). With `regenerate`, the current version is superseded, kept, and the
 * change audited. A transaction-scoped advisory lock per client-month serialises concurrent
 * runs; the partial unique index on the current version backs it up.
 */
export async function storeScorecard(
  ctx: ServiceCtx,
  computed: ComputedScorecard,
  regenerate: boolean,
  now: Date,
): Promise<{ scorecard: Scorecard; created: boolean }> {
  const monthKey = monthBounds(computed.month).key;
  return inTx(ctx, async (tx) => {
    await tx.db.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`scorecard:${computed.clientId}:${monthKey}`}, 0))`,
    );
    const current = (await currentOf(tx.db, ctx.tenantId, [computed.clientId], computed.month)).get(
      computed.clientId,
    );
    if (current && !regenerate) return { scorecard: current, created: false };
    if (current)
      await tx.db
        .update(schema.scorecards)
        .set({ supersededAt: now })
        .where(eq(schema.scorecards.id, current.id));
    const [row] = await tx.db
      .insert(schema.scorecards)
      .values({
        tenantId: ctx.tenantId,
        clientId: computed.clientId,
        month: monthKey,
        version: (current?.version ?? 0) + 1,
        kpis: computed.kpis,
        summary: computed.summary,
        overallRag: computed.overallRag,
        contentHash: computed.contentHash,
        generatedAt: now,
        generatedBy:
          ctx.actor.type === "user"
            ? ctx.actor.name
            : ctx.actor.type === "system"
              ? `job ${ctx.actor.job}`
              : "api",
      })
      .returning();
    if (!row) throw new Error("scorecard insert returned nothing");
    if (current)
      await recordAudit(tx, {
        action: "scorecard.regenerate",
        entityType: "scorecard",
        entityId: row.id,
        before: { version: current.version, contentHash: current.contentHash },
        after: { version: row.version, contentHash: row.contentHash, month: computed.month },
      });
    return { scorecard: row, created: true };
  });
}

export async function getClientInScope(ctx: ServiceCtx, clientId: string): Promise<ClientRow> {
  const [client] = await ctx.db
    .select({
      id: schema.clients.id,
      name: schema.clients.name,
      createdAt: schema.clients.createdAt,
    })
    .from(schema.clients)
    .where(
      and(
        eq(schema.clients.tenantId, ctx.tenantId),
        eq(schema.clients.id, clientId),
        clientScopeFilter(ctx, schema.clients.id),
      ),
    );
  if (!client) throw new NotFoundError("Client");
  return client;
}

/**
 * Generates one client's scorecard for a past month (on demand, or a job's fan-out). Without
 * `regenerate` an existing snapshot is returned untouched.
 */
export async function generateScorecard(
  ctx: ServiceCtx,
  input: { clientId: string; month: string; regenerate?: boolean },
  now: Date,
): Promise<{ scorecard: Scorecard; created: boolean }> {
  requireActorCan(ctx, "scorecard.regenerate");
  const client = await getClientInScope(ctx, input.clientId);
  checkMonth(client, input.month, now);
  const regenerate = input.regenerate ?? false;
  if (!regenerate) {
    const existing = (await currentOf(ctx.db, ctx.tenantId, [client.id], input.month)).get(
      client.id,
    );
    if (existing) return { scorecard: existing, created: false };
  }
  const [computed] = await computeScorecards(ctx.db, ctx.tenantId, [client.id], input.month);
  if (!computed) throw new Error("no scorecard computed");
  return storeScorecard(ctx, computed, regenerate, now);
}

/**
 * The monthly run's share for one tenant: every active client that existed in the month and
 * has no snapshot yet, computed set-based in one pass, then stored one by one.
 */
export async function generateMonthForTenant(
  ctx: ServiceCtx,
  month: string,
  now: Date,
): Promise<{ created: number; existing: number }> {
  requireActorCan(ctx, "scorecard.regenerate");
  if (!MONTH_PATTERN.test(month) || month >= monthOf(now))
    throw new ValidationError(`${month} is not a past month`, "month");
  const { end } = monthBounds(month);
  const clients = await ctx.db
    .select({ id: schema.clients.id })
    .from(schema.clients)
    .where(
      and(
        eq(schema.clients.tenantId, ctx.tenantId),
        eq(schema.clients.active, true),
        sql`${schema.clients.createdAt} < ${end}::timestamptz`,
      ),
    );
  const ids = clients.map((c) => c.id);
  const done = await currentOf(ctx.db, ctx.tenantId, ids, month);
  const todo = ids.filter((id) => !done.has(id));
  const computed = todo.length ? await computeScorecards(ctx.db, ctx.tenantId, todo, month) : [];
  let created = 0;
  for (const c of computed) if ((await storeScorecard(ctx, c, false, now)).created) created++;
  return { created, existing: ids.length - created };
}
