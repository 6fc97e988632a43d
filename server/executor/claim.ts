import { sql } from "drizzle-orm";
import { clientOf, schema, type Db } from "@/server/db";
import { bucketLockId, fitWithinLimits } from "./concurrency";
import type { RunRow } from "./runs";

/**
 * Claiming due runs: leases that keep two executors off one run, priority classes, and
 * Inngest's concurrency limits (the buckets themselves are in concurrency.ts).
 */

const { jobRuns } = schema;

/** pg_advisory_xact_lock(class, bucket) class of the concurrency buckets (any constant) */
const BUCKET_LOCK_CLASS = 7_226_311;
/** claim statements per call at most when runs over a concurrency limit had to be given back */
const CLAIM_ROUNDS = 3;

type Classes = { min: number; max: number };

/**
 * One statement: leases up to `limit` due runs that no live executor holds, higher priority
 * classes first, each in the order they became due, skipping runs of a concurrency bucket that
 * is already full. It may take more runs of one bucket than the bucket has room for (it sees
 * neither its own picks nor claims not yet committed): `withinLimits` gives those back.
 */
function claimStatement(
  db: Db,
  owner: string,
  leaseMs: number,
  limit: number,
  classes: Classes,
): Promise<RunRow[]> {
  return db
    .update(jobRuns)
    .set({
      leaseOwner: owner,
      leaseExpiresAt: sql`now() + ${`${leaseMs} milliseconds`}::interval`,
    })
    .where(
      sql`${jobRuns.id} in (
      select id from ${jobRuns}
      where mode = 'embedded'
        and status in ('queued', 'running', 'sleeping', 'waiting')
        and wake_at <= now()
        and (lease_expires_at is null or lease_expires_at < now())
        and priority between ${classes.min} and ${classes.max}
        and (concurrency is null or not concurrency @> any(coalesce((
          -- the full buckets, once per statement, as [{"k": ...}] to test with @>
          select array_agg(jsonb_build_array(jsonb_build_object('k', k))) from (
            select l->>'k' as k
            from ${jobRuns} leased, jsonb_array_elements(leased.concurrency) l
            where leased.concurrency is not null and leased.lease_expires_at > now()
            group by 1
            having count(*) >= min((l->>'n')::int)
          ) full_buckets), '{}')))
      order by priority desc, wake_at
      limit ${limit}
      for update skip locked
    )`,
    )
    .returning();
}

/**
 * Of runs just claimed, keeps those that fit under their concurrency limits and gives the
 * others back. The claims are committed before they are checked, so of two executors taking a
 * bucket's last slot at once at least one sees the other's lease and gives its run back; an
 * advisory lock per bucket makes the checks take turns, so the second sees what the first
 * kept (committed when it released the lock) rather than both giving their runs back.
 */
async function withinLimits(db: Db, owner: string, claimed: RunRow[]): Promise<RunRow[]> {
  const keys = [...new Set(claimed.flatMap((r) => r.concurrency?.map((b) => b.k) ?? []))];
  if (!keys.length) return claimed;
  // always in the same order, so two executors never wait on each other's locks
  const locks = `{${[...new Set(keys.map(bucketLockId))].sort((a, b) => a - b).join(",")}}`;
  const mine = new Set(claimed.map((r) => r.id));
  const client = clientOf(db);
  if (!client) throw new Error("claimDueRuns needs the database handle, not a transaction");
  return client.begin(async (q) => {
    // sent together (one round trip); the count's snapshot is taken once the locks are held
    const [, leased] = await Promise.all([
      q`select pg_advisory_xact_lock(${BUCKET_LOCK_CLASS}, id) from unnest(${locks}::int[]) id`,
      q<{ id: string; k: string }[]>`
        select r.id, b->>'k' as k
        from job_runs r, jsonb_array_elements(r.concurrency) b
        where r.concurrency is not null and r.lease_expires_at > now()
          and b->>'k' in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`,
    ]);
    const live = new Map<string, number>();
    for (const { id, k } of leased) if (!mine.has(id)) live.set(k, (live.get(k) ?? 0) + 1);
    const ordered = [...claimed].sort(
      (a, b) => b.priority - a.priority || (a.wakeAt?.getTime() ?? 0) - (b.wakeAt?.getTime() ?? 0),
    );
    const { keep, release } = fitWithinLimits(ordered, live);
    if (release.length)
      await q`update job_runs set lease_owner = null, lease_expires_at = null
        where id in (select jsonb_array_elements_text(${JSON.stringify(release.map((r) => r.id))}::jsonb))
          and lease_owner = ${owner}`;
    return keep;
  });
}

/**
 * Takes up to `limit` runs that are due and not leased by a live executor: higher priority
 * classes first, each in the order they became due, and only while fewer than a concurrency
 * bucket's limit of its runs hold a live lease (a sleeping or waiting run holds none, so it
 * does not count, as in Inngest). Runs without limits cost one statement.
 */
export async function claimDueRuns(
  db: Db,
  owner: string,
  leaseMs: number,
  limit: number,
  /** only runs of these priority classes */
  classes: Classes = { min: -1, max: 1 },
): Promise<RunRow[]> {
  const taken: RunRow[] = [];
  for (let round = 0; round < CLAIM_ROUNDS && taken.length < limit; round++) {
    const claimed = await claimStatement(db, owner, leaseMs, limit - taken.length, classes);
    const kept = await withinLimits(db, owner, claimed);
    taken.push(...kept);
    // nothing given back: the statement took all it could
    if (kept.length === claimed.length) break;
  }
  return taken;
}

/**
 * Gives back the leases held by executors on this machine that are no longer running (killed
 * with SIGKILL, or crashed): their runs are taken again at once instead of when the lease runs
 * out (a minute). An owner is `host:pid:nonce`; a pid that is alive (or reused) keeps its
 * leases until they expire.
 */
export async function releaseDeadLeases(
  db: Db,
  host: string,
  alive: (pid: number) => boolean,
): Promise<number> {
  const owners = await db
    .selectDistinct({ owner: jobRuns.leaseOwner })
    .from(jobRuns)
    .where(sql`${jobRuns.leaseOwner} like ${`${host}:%`} and ${jobRuns.leaseExpiresAt} > now()`);
  const dead = owners.flatMap(({ owner }) => {
    const pid = Number(owner?.slice(host.length + 1).split(":")[0]);
    return owner && Number.isInteger(pid) && pid > 0 && !alive(pid) ? [owner] : [];
  });
  if (!dead.length) return 0;
  const released = await db
    .update(jobRuns)
    .set({ leaseOwner: null, leaseExpiresAt: null })
    .where(
      sql`${jobRuns.leaseOwner} in (select jsonb_array_elements_text(${JSON.stringify(dead)}::jsonb)) and ${jobRuns.leaseExpiresAt} > now()`,
    )
    .returning({ id: jobRuns.id });
  return released.length;
}

/** Whether a process with this id runs on this machine. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
