import { randomUUID } from "node:crypto";
import { drizzle } from "drizzle-orm/postgres-js";
import { connectTo } from "@/server/db/connect";
import { closeDb, schema } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { liveBus } from "@/server/services/live/bus";
import { publish } from "@/server/services/live/publish";

/**
 * Write → live event latency: a committed write on one connection pool (another app
 * process) until a subscriber of this process's LISTEN connection receives it, 500 times
 * at 50 writes/s, with 200 subscribers of the tenant listening (200 open pages).
 */
export async function benchLive(url: string) {
  const writer = connectTo(url, { max: 4, onnotice: () => undefined });
  const db = drizzle(writer, { schema });
  const tenantId = randomUUID();
  const controllers = Array.from({ length: 200 }, () => new AbortController());
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  let done: () => void = () => undefined;
  const finished = new Promise<void>((r) => (done = r));
  const total = 500;
  await Promise.all(
    controllers.map(async (c, i) => {
      const it = liveBus.subscribe(tenantId, c.signal);
      await it.next(); // "ready"
      void (async () => {
        for await (const e of it) {
          if (i !== 0) continue; // every subscriber receives it; time one of them
          const id = e.ids?.[0];
          const at = id ? sent.get(id) : undefined;
          if (at !== undefined) latencies.push(performance.now() - at);
          if (latencies.length === total) done();
        }
      })();
    }),
  );
  for (let i = 0; i < total; i++) {
    const id = `w${i}`;
    await db.transaction(async (tx) => {
      sent.set(id, performance.now());
      await publish(jobContext(tenantId, "bench", tx), "site", [id]);
    });
    await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.race([finished, new Promise((r) => setTimeout(r, 10_000))]);
  controllers.forEach((c) => c.abort());
  await writer.end();
  await closeDb();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  console.log(`live: ${latencies.length}/${total} events received by 200 subscribers`);
  console.log(
    `live: commit → subscriber p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${pct(100).toFixed(1)} ms`,
  );
}
