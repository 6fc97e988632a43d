import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db";
import type { JobCtx } from "../_core/system";
import { inTx } from "../_core/tx";
import type { Evaluated } from "./evaluate";
import { shownSignatureOf } from "./health-signature";
import { KIND_TABLE } from "./rollup";

/**
 * Score history rows for evaluated devices, one statement; a rerun at the same instant replaces
 * them. A plain insert first (in a savepoint): ON CONFLICT's speculative insertion cost 40 %
 * more per row, for a conflict that only a rerun at the same instant meets — that rerun then
 * takes the upsert.
 */
export async function insertScoreHistory(db: DbOrTx, at: Date, scored: Evaluated[]) {
  if (!scored.length) return;
  // arrays rather than JSON: 20,000 rows an hour, parsed by the array input functions
  const col = (f: (e: Evaluated) => string | number | null | undefined) =>
    `{${scored.map((e) => f(e) ?? "NULL").join(",")}}`;
  const insert = (tx: DbOrTx, onConflict: SQL) =>
    tx.execute(sql`
    insert into device_scores (device_id, run_at, score, battery, signal, uptime, temperature,
      probability, failure_type)
    select v.id, ${at.toISOString()}::timestamptz, v.s, v.b, v.g, v.u, v.t, v.p, v.f
    from unnest(${col((e) => e.row.id)}::uuid[], ${col((e) => e.score)}::smallint[],
      ${col((e) => e.components?.battery)}::smallint[], ${col((e) => e.components?.signal)}::smallint[],
      ${col((e) => e.components?.uptime)}::smallint[], ${col((e) => e.components?.temperature)}::smallint[],
      ${col((e) => e.prediction?.probability ?? 0)}::real[],
      ${col((e) => e.prediction?.type ?? "device")}::failure_type[]) as v(id, s, b, g, u, t, p, f)
    ${onConflict}`);
  try {
    await db.transaction((tx) => insert(tx, sql``));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    await insert(
      db,
      sql`on conflict (device_id, run_at) do update set score = excluded.score,
      battery = excluded.battery, signal = excluded.signal, uptime = excluded.uptime,
      temperature = excluded.temperature, probability = excluded.probability,
      failure_type = excluded.failure_type`,
    );
  }
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Writes the run's results in one transaction, set-based (a few statements, any fleet size). */
export async function writeResults(ctx: JobCtx, evaluated: Evaluated[], now: Date) {
  const tenantId = ctx.tenantId;
  const runAt = now.toISOString();
  const scored = evaluated.filter((e) => e.score !== null && e.components);
  const failures = evaluated.flatMap((e) =>
    e.failures.map((f) => ({
      id: e.row.id,
      type: f.type,
      at: new Date(f.atMs).toISOString(),
      detail: f.detail,
    })),
  );
  let rewritten = 0;
  await inTx(ctx, async ({ db: tx }) => {
    // the run can be repeated: waiting for the WAL flush of its commit buys nothing
    await tx.execute(sql`set local synchronous_commit = off`);
    await insertScoreHistory(tx, now, scored);
    // only the rows whose shown health changed go (health-signature.ts): the numbers in the
    // reasons move every hour, what is shown and acted on mostly does not
    const changed = evaluated.flatMap((e) => {
      const signature = shownSignatureOf(e);
      return signature === e.row.prevSignature ? [] : [{ e, signature }];
    });
    rewritten = changed.length;
    if (changed.length)
      await tx.execute(sql`
        insert into device_health (device_id, tenant_id, score, components, probability,
          prediction, scored_at, signature)
        select v.id, ${tenantId}, v.s, v.c, v.p, v.pr, ${runAt}::timestamptz, v.sig
        from json_to_recordset(${JSON.stringify(
          changed.map(({ e, signature }) => ({
            id: e.row.id,
            s: e.score,
            c: e.components,
            p: e.prediction?.probability ?? null,
            pr: e.prediction,
            sig: signature,
          })),
        )}::json) as v(id uuid, s smallint, c jsonb, p real, pr jsonb, sig text)
        on conflict (device_id) do update set score = excluded.score,
          components = excluded.components, probability = excluded.probability,
          prediction = excluded.prediction, scored_at = excluded.scored_at,
          signature = excluded.signature`);
    // offline without data: rows locked in id order (as ingestion locks them), so the two
    // never deadlock, and left alone if a reading arrived since they were read
    const timedOut = evaluated.filter((e) => e.timedOut).map((e) => e.row.id);
    if (timedOut.length)
      await tx.execute(sql`
        with locked as (
          select d.id from devices d
          where d.tenant_id = ${tenantId}
            and d.id in (select jsonb_array_elements_text(${JSON.stringify(timedOut)}::jsonb)::uuid)
          order by d.id for no key update
        )
        update devices d set online = false, offline_since = coalesce(d.last_seen_at, ${runAt}::timestamptz)
        from locked l, ${KIND_TABLE}
        where d.id = l.id and k.kind = d.kind and d.online
          and (d.last_seen_at is null
            or d.last_seen_at < ${runAt}::timestamptz - make_interval(mins => k.timeout_min))`);
    if (failures.length)
      await tx.execute(sql`
        insert into device_failures (tenant_id, device_id, type, at, detail)
        select ${tenantId}, v.id, v.type::failure_type, v.at, v.detail
        from json_to_recordset(${JSON.stringify(failures)}::json)
          as v(id uuid, type text, at timestamptz, detail text)
        where not exists (select 1 from device_failures f where f.device_id = v.id
          and f.type = v.type::failure_type and f.at > v.at - interval '24 hours' and f.at <= v.at)
        on conflict do nothing`);
  });
  return { scored: scored.length, failures: failures.length, rewritten };
}
