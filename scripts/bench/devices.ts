import { rawRows } from "@/server/db/raw";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { closeDb, db } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { createGatewayKey } from "@/server/services/devices/manage";
import { HOUR_MS, hourFloor } from "@/server/services/devices/rollup";
import { scoreTenantDevices } from "@/server/services/devices/run";
import { NEXT_START_ARGS, withPeerAddressStamp } from "../lib/launcher";
import { cpuText, measured, pgCpuMs, postmasterOf, treeCpuMs, type CpuSpan } from "./cpu";
import { benchTenant, pct } from "./shared";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");

/**
 * Device health speed (quality.md): the hourly run over the --scale large fleet (20,000
 * devices, 26 h of 5-minute readings) against a bare count(*) of the same 24 h of telemetry in
 * this run — cold (rolling all 24 hours up itself and summing every window afresh, as after a
 * restore) and as it runs every hour (the last hour rolled up, the windows of the run an hour
 * before slid by it); then ingestion through POST /api/telemetry on
 * `next start`, batches of 500 from several concurrent clients (BENCH_SKIP_INGEST=1 leaves it
 * out, BENCH_SKIP_RUNS=1 measures ingestion alone).
 */
export async function benchDevices() {
  const tenant = await benchTenant("--scale large --only devices");
  console.log(`devices: load average at start ${load()} (${process.env.BENCH_NOTE ?? "2 cores"})`);
  const [info] = await rawRows<{ devices: number; newest: number }>(
    db,
    sql`
    select count(*)::int as devices, (extract(epoch from max(last_seen_at)) * 1000)::float8 as newest
    from devices where tenant_id = ${tenant.id}`,
  );
  if ((info?.devices ?? 0) < 10_000)
    console.log(
      `devices: only ${info?.devices ?? 0} devices (seed --scale large --only devices for the quality.md figures)`,
    );
  if (process.env.BENCH_SKIP_RUNS === "1") {
    await benchIngestion(tenant.id);
    await closeDb();
    return;
  }
  // The runs' instant: 5 minutes past the hour of the newest reading, as scheduled, so the
  // window is the 24 full hours of seeded readings before it, the hour it rolls up is a full
  // one, and the fleet is heard from as in production (not timed out by a clock run ahead).
  const to = hourFloor(info?.newest ?? Date.now());
  const now = new Date(to.getTime() + 5 * 60_000);
  const from = new Date(to.getTime() - 24 * HOUR_MS);
  const window = sql`ts >= ${from.toISOString()}::timestamptz and ts < ${to.toISOString()}::timestamptz`;
  const postmaster = await postmasterOf(db);
  const countScan = async () => {
    const { value, span } = await measured(postmaster, () =>
      rawRows<{ n: number }>(db, sql`select count(*)::int as n from telemetry where ${window}`),
    );
    return { span, rows: value[0]?.n ?? 0 };
  };
  const columnScan = async () => {
    const { span } = await measured(postmaster, () =>
      db.execute(sql`
      select count(battery), count(signal), count(temperature), count(reboots), count(*) filter (where online)
      from telemetry where ${window}`),
    );
    return span;
  };
  // cold: the tenant's 24 hours are rolled up again by the run itself
  const forgetRollups = async (hours: number) => {
    const since = new Date(to.getTime() - hours * HOUR_MS).toISOString();
    await db.execute(sql`
      delete from telemetry_rollup_hours where tenant_id = ${tenant.id}
        and hour >= ${since}::timestamptz and hour < ${to.toISOString()}::timestamptz`);
    await db.execute(sql`
      delete from telemetry_hourly where tenant_id = ${tenant.id}
        and hour >= ${since}::timestamptz and hour < ${to.toISOString()}::timestamptz`);
  };
  // each run a second after the last (a new history instant, the fleet still heard from)
  const run = async (i: number) => {
    const { value: r, span } = await measured(postmaster, () =>
      scoreTenantDevices(jobContext(tenant.id, "bench"), new Date(now.getTime() + i * 1_000)),
    );
    return { span, ms: span.wallMs, r };
  };
  const collect = () => (globalThis as { gc?: () => void }).gc?.();

  // The scan is timed as autovacuum leaves a day's partition (PostgreSQL vacuums insert-only
  // tables too): its pages all-visible, so a scan skips each reading's visibility check. Right
  // after a bulk load it does not, and the count(*) took twice as long (664–809 ms against
  // 355–458 ms), which flattered every ratio below.
  const vacuumed = performance.now();
  await db.execute(sql`vacuum (analyze) telemetry`);
  console.log(`devices: vacuumed the telemetry in ${(performance.now() - vacuumed).toFixed(0)} ms`);
  await countScan();
  await forgetRollups(24);
  const first = await run(0);
  console.log(
    `devices: ${info?.devices ?? 0} devices; first run (raises the fleet's alerts): ${first.ms.toFixed(0)} ms, ${first.r.alertsRaised} alerts raised, phases ${JSON.stringify(first.r.phases)}`,
  );
  const scans: CpuSpan[] = [];
  const columns: CpuSpan[] = [];
  const cold: CpuSpan[] = [];
  const warm: CpuSpan[] = [];
  let rows = 0;
  let last = first.r;
  // as autovacuum would between hourly runs (the machine's PostgreSQL may run without it)
  const vacuum = () =>
    db.execute(sql`vacuum analyze telemetry_hourly, device_health, device_scores, devices`);
  for (let i = 1; i <= 3; i++) {
    await vacuum();
    collect();
    const s = await countScan();
    scans.push(s.span);
    rows = s.rows;
    collect();
    columns.push(await columnScan());
    await forgetRollups(24);
    collect();
    const c = await run(i);
    cold.push(c.span);
    // as scheduled: the run of the hour before left every window ending an hour ago, and
    // the last hour is not rolled up yet
    await forgetRollups(1);
    await scoreTenantDevices(
      jobContext(tenant.id, "bench"),
      new Date(now.getTime() - HOUR_MS + i * 1_000),
    );
    await vacuum();
    collect();
    const w = await run(i + 10);
    warm.push(w.span);
    last = w.r;
    console.log(
      `devices: round ${i}: count(*) ${cpuText(s.span)}; cold run ${cpuText(c.span)} ${JSON.stringify(c.r.phases)}; hourly run ${cpuText(w.span)} ${JSON.stringify(w.r.phases)}, ${w.r.healthRowsRewritten} health rows rewritten, ${w.r.windowsResummedAsDue} windows re-summed as due`,
    );
  }
  const wall = (xs: CpuSpan[]) => median(xs.map((x) => x.wallMs));
  const cpu = (xs: CpuSpan[]) =>
    xs.some((x) => x.pgMs === null) ? NaN : median(xs.map((x) => x.nodeMs + (x.pgMs ?? 0)));
  const bare = wall(scans);
  const bareCpu = cpu(scans);
  const ratios = (xs: CpuSpan[]) =>
    `median ${wall(xs).toFixed(0)} ms = ${(wall(xs) / bare).toFixed(2)}× the count(*); CPU ${cpu(xs).toFixed(0)} ms = ${(cpu(xs) / bareCpu).toFixed(2)}× the count(*)'s`;
  console.log(
    `devices: bare count(*) of the same 24 h (${rows.toLocaleString("en")} readings): median ${bare.toFixed(0)} ms, CPU ${bareCpu.toFixed(0)} ms; reading every column: ${wall(columns).toFixed(0)} ms, CPU ${cpu(columns).toFixed(0)} ms`,
  );
  console.log(
    `devices: scores + predictions for ${last.predicted} devices (${last.scoredBy}), rolling the 24 h up itself: ${ratios(cold)}`,
  );
  console.log(
    `devices: the hourly run as scheduled (rolls up the last hour, slides the windows of the hour before by it): ${ratios(warm)}`,
  );
  console.log(`devices: load average after the runs ${load()}`);
  if (process.env.BENCH_SKIP_INGEST !== "1") await benchIngestion(tenant.id);
  await closeDb();
}

// the browser tests' build folder: the same production build, and one Next.js knows of already
const DIST_DIR = ".next-e2e";

async function waitFor(url: string, child: ChildProcess, seconds: number) {
  for (let i = 0; i < seconds * 4; i++) {
    if (child.exitCode !== null) throw new Error("next start exited before it answered");
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      .then((r) => r.status < 500)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

/** POST /api/telemetry on `next start`: CLIENTS concurrent gateways, batches of 500. */
async function benchIngestion(tenantId: string) {
  const port = Number(process.env.BENCH_PORT ?? process.env.PORT ?? 3400);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-only-secret-0123456789abcdef",
    // events go nowhere: the bench measures the route
    INNGEST_DEV: "1",
    INNGEST_BASE_URL: "http://127.0.0.1:9",
  };
  if (!(process.env.BENCH_SKIP_BUILD === "1" && existsSync(`${DIST_DIR}/BUILD_ID`))) {
    console.log("devices: building for production (next build; BENCH_SKIP_BUILD=1 reuses it)…");
    const code = await new Promise<number>((resolve) =>
      spawn("./node_modules/.bin/next", ["build"], { env, stdio: "ignore" }).once("exit", (c) =>
        resolve(c ?? 1),
      ),
    );
    if (code !== 0) throw new Error("next build failed");
  }
  const server = spawn("./node_modules/.bin/next", [...NEXT_START_ARGS, "-p", String(port)], {
    env: withPeerAddressStamp(env),
    stdio: "ignore",
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/login`, server, 120);
    const clients = Number(process.env.BENCH_CLIENTS ?? 8);
    const seconds = Number(process.env.BENCH_SECONDS ?? 20);
    const sites = await rawRows<{ id: string; devices: string[] }>(
      db,
      sql`
      select s.id, array_agg(d.id) as devices from sites s join devices d on d.site_id = s.id
      where s.tenant_id = ${tenantId} and d.active
      group by s.id having count(*) >= 20 order by s.id limit ${clients}`,
    );
    const ctx = jobContext(tenantId, "bench");
    const gateways: { key: string; devices: string[] }[] = [];
    for (const s of sites)
      gateways.push({
        key: (await createGatewayKey(ctx, { siteId: s.id, name: "bench" })).key,
        devices: s.devices.slice(0, 20),
      });
    // each batch: 20 devices × 25 instants 10 ms apart, from two minutes ago on; no duplicates
    const origin = Date.now() - 120_000;
    const batchOf = (g: (typeof gateways)[number], n: number) => {
      const readings = [];
      for (let k = 0; k < 25; k++)
        for (const deviceId of g.devices)
          readings.push({
            deviceId,
            ts: new Date(origin + (n * 25 + k) * 10).toISOString(),
            battery: 80 + (k % 10),
            signal: -65 - (k % 7),
            temperature: 22.5,
            online: true,
            reboots: 1,
          });
      return JSON.stringify({ readings });
    };
    const post = (g: (typeof gateways)[number], body: string) =>
      fetch(`${base}/api/telemetry`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${g.key}` },
        body,
      });
    // warm the route (compile caches, key cache, pools) before measuring
    for (const g of gateways) await post(g, batchOf(g, 50_000)).then((r) => r.text());
    let accepted = 0;
    let errors = 0;
    const latencies: number[] = [];
    const postmaster = await postmasterOf(db);
    const server0 = server.pid ? treeCpuMs(server.pid) : null;
    const pg0 = pgCpuMs(postmaster);
    const client0 = process.cpuUsage();
    const end = Date.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      gateways.map(async (g) => {
        for (let n = 0; Date.now() < end; n++) {
          const body = batchOf(g, n);
          const t0 = performance.now();
          const res = await post(g, body);
          const json = (await res.json()) as { accepted?: number };
          latencies.push(performance.now() - t0);
          if (res.status === 200) accepted += json.accepted ?? 0;
          else errors++;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const server1 = server.pid ? treeCpuMs(server.pid) : null;
    const pg1 = pgCpuMs(postmaster);
    const client = process.cpuUsage(client0);
    const perBatch = (a: number | null, b: number | null) =>
      a === null || b === null ? "?" : ((b - a) / Math.max(1, latencies.length)).toFixed(1);
    console.log(
      `devices: ingestion through POST /api/telemetry on next start, ${gateways.length} concurrent gateways, batches of 500 for ${seconds} s: ${Math.round(accepted / elapsed).toLocaleString("en")} readings/s (${latencies.length} batches, p50 ${pct(latencies, 50).toFixed(0)} ms, p95 ${pct(latencies, 95).toFixed(0)} ms, ${errors} errors); load average ${load()}`,
    );
    console.log(
      `devices: CPU per batch of 500: ${perBatch(server0, server1)} ms next start, ${perBatch(pg0, pg1)} ms PostgreSQL, ${((client.user + client.system) / 1000 / Math.max(1, latencies.length)).toFixed(1)} ms this client (${elapsed.toFixed(1)} s)`,
    );
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
}
