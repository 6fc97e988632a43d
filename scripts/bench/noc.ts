import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import { closeDb, db, schema } from "@/server/db";
import { resolveScope } from "@/server/services/_core/scope";
import type { ServiceCtx, UserActor } from "@/server/services/_core/context";
import { rawRows } from "@/server/db/raw";
import { TSX_NODE_ARGS } from "../lib/tsx-node-args";
import { pct } from "./shared";

/**
 * NOC speed (quality.md): the queue's first page over the --scale large history, and
 * alert → scored/routed/notified latency at 50 alerts/s through the embedded executor.
 */
export async function benchNoc() {
  const [operator] = await db
    .select()
    .from(schema.users)
    .where(eq(schema.users.email, "operator@northwind.test"));
  if (!operator)
    throw new Error(
      "no demo data: run `npm run db:seed -- --reset --scale large --only noc` first",
    );
  const [{ open = 0, total = 0 } = {}] = await rawRows<{
    open: number;
    total: number;
  }>(
    db,
    sql`
    select count(*) filter (where status <> 'resolved')::int as open, count(*)::int as total
    from alerts where tenant_id = ${operator.tenantId}`,
  );
  console.log(
    `noc: ${total} alerts in the tenant, ${open} open${total < 1_000_000 ? " (seed --scale large --only noc for the quality.md figures)" : ""}`,
  );

  const { listQueue } = await import("@/server/services/noc/queue");
  const scope = await resolveScope(db, operator.tenantId, operator.id, operator.role);
  const ctx: ServiceCtx<UserActor> = {
    tenantId: operator.tenantId,
    db,
    actor: {
      type: "user",
      userId: operator.id,
      role: operator.role,
      name: operator.name,
      email: operator.email,
      scope,
    },
  };
  const filters = [
    {},
    { severity: "high" as const },
    { status: "new" as const },
    { type: "INTRUSION" as const },
    { q: "gate" },
  ];
  const times: number[] = [];
  const byFilter = filters.map(() => [] as number[]);
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await listQueue(ctx, { ...filters[i % filters.length], limit: 50 }, new Date());
    const ms = performance.now() - t0;
    times.push(ms);
    byFilter[i % filters.length]?.push(ms);
  }
  console.log(
    `noc: queue p95 by filter: ${filters
      .map((f, i) => `${JSON.stringify(f)} ${pct(byFilter[i] ?? [], 95).toFixed(1)}`)
      .join(", ")} ms`,
  );
  console.log(
    `noc: queue first page (50 rows, 5 filter mixes) p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms`,
  );

  // Triage under load, as deployed: this process plays the app (it serves the functions with
  // the SDK's node handler and creates the alerts), the executor runs in its own process.
  let handler: ((req: never, res: never) => unknown) | null = null;
  const app = createServer((req, res) => void handler?.(req as never, res as never));
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;
  const executorPort = 18_000 + Math.floor(Math.random() * 1000);
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : [];
  const child = spawn(process.execPath, [...profile, ...TSX_NODE_ARGS, "scripts/executor.ts"], {
    env: {
      ...process.env,
      EXECUTOR_PORT: String(executorPort),
      WATCHFLOOR_INNGEST_URL: appUrl,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  process.env.INNGEST_DEV = "1";
  process.env.INNGEST_BASE_URL = `http://127.0.0.1:${executorPort}`;
  const { serve } = await import("inngest/node");
  const { inngest } = await import("@/inngest/client");
  const { functions } = await import("@/inngest/functions");
  handler = serve({ client: inngest, functions }) as never;
  for (let i = 0; ; i++) {
    const health = await fetch(`http://127.0.0.1:${executorPort}/health`)
      .then((r) => r.json() as Promise<{ functions: number }>)
      .catch(() => null);
    if (health && health.functions > 0) break;
    if (i > 600) throw new Error("the executor did not start and sync within 60 s");
    await new Promise((r) => setTimeout(r, 100));
  }

  // The seeded tenant's model scores even a critical fire alarm under 80, so with it nothing is
  // routed and the bench would time the light path only. By default the heavier path is timed:
  // the heuristic scores, which route (≥ 80) and escalate (≥ 90) the critical alerts with their
  // notifications. BENCH_NOC_SCORER=model keeps the tenant's model.
  const scorer = process.env.BENCH_NOC_SCORER === "model" ? "model" : "heuristic";
  const parked =
    scorer === "heuristic"
      ? await db
          .update(schema.priorityModels)
          .set({ usable: false })
          .where(
            and(
              eq(schema.priorityModels.tenantId, operator.tenantId),
              eq(schema.priorityModels.kind, "alert"),
              eq(schema.priorityModels.usable, true),
            ),
          )
          .returning({ id: schema.priorityModels.id })
      : [];
  try {
    await triageLoad(operator.tenantId, scorer);
  } finally {
    if (parked.length)
      await db
        .update(schema.priorityModels)
        .set({ usable: true })
        .where(
          inArray(
            schema.priorityModels.id,
            parked.map((p) => p.id),
          ),
        );
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    app.close();
    await closeDb();
  }
}

async function triageLoad(tenantId: string, scorer: string) {
  const { createAlert } = await import("@/server/services/noc/create-alert");
  const { jobContext } = await import("@/server/services/_core/system");
  const sites = await db
    .select({ id: schema.sites.id, clientId: schema.sites.clientId })
    .from(schema.sites)
    .where(eq(schema.sites.tenantId, tenantId))
    .limit(200);
  const seconds = Number(process.env.BENCH_SECONDS ?? 60);
  const rate = 50;
  const ids: string[] = [];
  const alertAt = (stamp: number, i: number, into: string[]) =>
    void createAlert(
      jobContext(tenantId, "bench"),
      {
        siteId: sites[i % sites.length]?.id ?? "",
        type: i % 10 === 0 ? "FIRE_ALARM" : "INTRUSION",
        severity: i % 3 === 0 ? "critical" : "high",
        title: `bench ${i}`,
        description: "",
        source: "api",
        fingerprint: `bench:${stamp}:${i}`,
      },
      new Date(),
    ).then((r) => into.push(r.id));
  // Both processes start cold here, where a deployed app and executor run for days: the same
  // load first warms them (BENCH_WARMUP_SECONDS, default 20; 0 for none), timed on its own
  const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 20);
  const warmStamp = Date.now() - 1;
  const warmIds: string[] = [];
  for (let i = 0; i < warmupSeconds * rate; i++) {
    const wait = warmStamp + (i * 1000) / rate - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    alertAt(warmStamp, i, warmIds);
  }
  if (warmupSeconds > 0) {
    await new Promise((r) => setTimeout(r, 5_000));
    const cold = await db
      .select({ created: schema.alerts.createdAt, triaged: schema.alerts.triagedAt })
      .from(schema.alerts)
      .where(inArray(schema.alerts.id, warmIds));
    const lat = cold.flatMap((t) => (t.triaged ? [t.triaged.getTime() - t.created.getTime()] : []));
    console.log(
      `noc: warm-up, cold processes (${warmIds.length} alerts in ${warmupSeconds} s, ${lat.length} triaged 5 s later): p50 ${pct(lat, 50)} ms, p95 ${pct(lat, 95)} ms`,
    );
  }
  const started = Date.now();
  // BENCH_NOC_FLOOD=n: a background function raises n alerts at once as the load starts (an
  // SLA run on the large seed raises ~50,000), and their triage runs beside the measured alerts
  const flood = Number(process.env.BENCH_NOC_FLOOD ?? 0);
  const { raiseSystemAlerts } = await import("@/server/services/noc/system-alerts");
  const flooding = (async () => {
    if (flood <= 0) return;
    for (let i = 0; i < flood; i += 5_000)
      await raiseSystemAlerts(
        jobContext(tenantId, "bench-flood"),
        Array.from({ length: Math.min(5_000, flood - i) }, (_, j) => {
          const site = sites[(i + j) % sites.length];
          return {
            siteId: site?.id ?? "",
            clientId: site?.clientId ?? "",
            type: "DEVICE_OFFLINE" as const,
            severity: "high" as const,
            title: `bench flood ${i + j}`,
            description: "",
            fingerprint: `bench:${started}:flood:${i + j}`,
            source: "system" as const,
          };
        }),
        new Date(),
      );
    console.log(`noc: ${flood} system alerts raised as the load started`);
  })();
  for (let i = 0; i < seconds * rate; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    alertAt(started, i, ids);
  }
  await flooding;
  const deadline = Date.now() + 120_000;
  let triaged: { created: Date; triaged: Date | null; routed: Date | null }[] = [];
  while (Date.now() < deadline) {
    triaged = await db
      .select({
        created: schema.alerts.createdAt,
        triaged: schema.alerts.triagedAt,
        // routing and its notification commit together
        routed: schema.alerts.routedAt,
      })
      .from(schema.alerts)
      .where(
        and(
          inArray(schema.alerts.id, ids.slice(0, 30_000)),
          isNotNull(schema.alerts.triagedAt),
          ne(schema.alerts.status, "resolved"),
        ),
      );
    if (triaged.length >= ids.length && ids.length >= seconds * rate) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const lat = triaged.flatMap((t) =>
    t.triaged
      ? [Math.max(t.triaged.getTime(), t.routed?.getTime() ?? 0) - t.created.getTime()]
      : [],
  );
  const routed = triaged.filter((t) => t.routed).length;
  // where the tail comes from: p95 per 10 s of the run
  const buckets = new Map<number, number[]>();
  for (const t of triaged) {
    if (!t.triaged) continue;
    const b = Math.floor((t.created.getTime() - started) / 10_000);
    const l = Math.max(t.triaged.getTime(), t.routed?.getTime() ?? 0) - t.created.getTime();
    buckets.set(b, [...(buckets.get(b) ?? []), l]);
  }
  console.log(
    `noc: p95 per 10 s: ${[...buckets.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, ls]) => pct(ls, 95))
      .join(", ")} ms`,
  );
  const [notes = { n: 0 }] = await rawRows<{
    n: number;
  }>(
    db,
    sql`
    select count(*)::int as n from notifications
    where tenant_id = ${tenantId} and created_at >= ${new Date(started).toISOString()}::timestamptz`,
  );
  console.log(
    `noc: ${seconds * rate} alerts at ${rate}/s for ${seconds} s, scored by the ${scorer}; ${lat.length} triaged, ${routed} routed with a notification; ${notes.n} notifications queued`,
  );
  console.log(
    `noc: created → scored/routed/notified p50 ${pct(lat, 50)} ms, p95 ${pct(lat, 95)} ms`,
  );
  // both processes start cold (V8 optimises the hot paths within the first seconds), so the
  // steady state is shown too: the same run without its first 15 s
  const warm = triaged.flatMap((t) =>
    t.triaged && t.created.getTime() - started >= 15_000
      ? [Math.max(t.triaged.getTime(), t.routed?.getTime() ?? 0) - t.created.getTime()]
      : [],
  );
  console.log(
    `noc: after the first 15 s (${warm.length} alerts): p50 ${pct(warm, 50)} ms, p95 ${pct(warm, 95)} ms`,
  );
  await db
    .delete(schema.alerts)
    .where(
      sql`${schema.alerts.fingerprint} like ${`bench:${started}:%`} or ${schema.alerts.fingerprint} like ${`bench:${warmStamp}:%`}`,
    );
}
