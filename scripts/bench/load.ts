import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { and, eq, inArray, isNotNull, like, ne } from "drizzle-orm";
import { createKeyThrottle } from "@/lib/key-throttle";
import { type PatchableRow, patchQueue, QUEUE_FETCH_ROWS } from "@/lib/live-queue";
import { decodeLive } from "@/lib/live-wire";
import { closeDb, db, schema } from "@/server/db";
import { batchQuery, machineCpu, networkCause, signIn } from "./load-client";
import { pct } from "./shared";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type QueueRow = PatchableRow & { title: string };

/**
 * quality.md's load bar against a running app (`npm run build && npm start`, or any URL in
 * BENCH_APP_URL): 200 open NOC pages and 50 new alerts a second for 2 minutes. Each page holds
 * the live stream open and does what the browser does with alert events: patches its queue
 * with the pushed rows and header (lib/live-queue.ts), and refetches the queue only when the
 * rows do not cover it (only the first 20 pages parse and patch; the others read the stream and
 * refetch when an alert change comes without rows, so that the generator, which shares the
 * machine, does not do 200 browsers' work). Operators resolve
 * bench alerts once they have been seen scored, so the queue's first page keeps them in view.
 * Prints errors, write → visible in the pages (p50/p95), and whether every alert was triaged.
 */
export async function benchLoad() {
  const base = process.env.BENCH_APP_URL ?? "http://127.0.0.1:3000";
  const pageCount = Number(process.env.BENCH_LOAD_PAGES ?? 200);
  const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 120);
  const rate = Number(process.env.BENCH_LOAD_RATE ?? 50);
  const watched = Math.min(pageCount, 20); // pages whose view of each alert is timed
  const tag = `load ${randomUUID().slice(0, 8)}`;
  const errors = new Map<string, number>();
  const fail = (what: string) => {
    errors.set(what, (errors.get(what) ?? 0) + 1);
  };

  // alerts left open by an earlier run that was stopped before its clean-up would fill the
  // queue's first page (unscored if the executor was down too) and hide this run's alerts
  await db
    .update(schema.alerts)
    .set({ status: "resolved", resolvedAt: new Date(), resolution: "false_alarm" })
    .where(and(like(schema.alerts.title, "load %"), ne(schema.alerts.status, "resolved")));

  const [admin, operator] = await Promise.all([
    signIn(base, "admin@northwind.test"),
    signIn(base, "operator@northwind.test"),
  ]);
  const keyRes = await fetch(`${base}/api/trpc/apiKey.create`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: admin },
    body: JSON.stringify({ json: { name: `bench ${tag}` } }),
  });
  const apiKey = ((await keyRes.json()) as { result?: { data?: { json?: { key?: string } } } })
    .result?.data?.json?.key;
  const [site] = (await batchQuery(base, operator, [["site.list", {}]])) as [{ id: string }[]];
  if (!apiKey || !site?.[0]) throw new Error("no API key or site: is the demo data loaded?");
  // alerts come from every site in turn, as a tenant's panels and gateways send them
  const siteIds = site.map((s) => s.id);

  const sentAt = new Map<string, number>(); // title → when its POST started
  const seenAt = new Map<string, number[]>(); // title → when each watched page first showed it
  const scoredSeen = new Set<string>(); // ids seen scored by any page: the operators resolve them
  const resolved = new Set<string>();
  let refetches = 0;
  let pushes = 0;
  let pushesWithRows = 0;
  let listRefetches = 0; // asked for because the patched queue no longer covered the page
  let stopping = false;
  const aborts: AbortController[] = [];

  async function openPage(n: number) {
    const seen = new Set<string>();
    const view = { limit: QUEUE_FETCH_ROWS };
    let list: QueueRow[] = [];
    // rows the page received (pushed, or in a refetched queue): a bench alert is visible from
    // its first arrival, wherever it ranks; scored ones go to the operators
    const look = (rows: QueueRow[]) => {
      const now = performance.now();
      for (const r of rows) {
        if (!r.title.startsWith(tag)) continue;
        if (r.score !== null && !resolved.has(r.id)) scoredSeen.add(r.id);
        if (n < watched && !seen.has(r.title)) {
          seen.add(r.title);
          const at = seenAt.get(r.title) ?? [];
          at.push(now);
          seenAt.set(r.title, at);
        }
      }
    };
    // as the browser (components/shell/live-updates.tsx): the queue and its header when a
    // change comes without rows, the queue alone when the rows do not cover it (the pages
    // keep the false-alarm panel closed, so nothing else refetches)
    const refetch = async (keys: string[]) => {
      try {
        const calls: [string, unknown][] = [];
        if (keys.includes("list")) calls.push(["alert.list", view]);
        if (keys.includes("stats")) calls.push(["alert.stats", undefined]);
        const out = await batchQuery(base, operator, calls);
        refetches += 1;
        if (keys.includes("list")) {
          list = out[0] as QueueRow[];
          look(list);
        }
      } catch {
        if (!stopping) fail("page refetch");
      }
    };
    const throttle = createKeyThrottle(300, refetch);
    const abort = new AbortController();
    aborts.push(abort);
    const res = await fetch(`${base}/api/live`, {
      headers: { cookie: operator, accept: "text/event-stream" },
      signal: abort.signal,
    });
    if (!res.ok || !res.body) throw new Error(`live stream answered ${res.status}`);
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = message
              .split("\n")
              .filter((l) => l.startsWith("data:"))
              .map((l) => l.slice(5).trim())
              .join("");
            if (!data) continue;
            if (n >= watched) {
              // an unwatched page only counts what it gets and refetches when told to: its
              // patching would run in a browser on another machine, and costs the server
              // nothing (in full runs the patched queues never asked for a refetch)
              if (!data.includes('"topic":"alert"')) continue;
              pushes += 1;
              if (data.includes('"queue":')) pushesWithRows += 1;
              else throttle.add(["list", "stats"]);
              continue;
            }
            try {
              const event = decodeLive(data);
              if (event.topic !== "alert") continue;
              pushes += 1;
              if ("queue" in event) {
                pushesWithRows += 1;
                const out = patchQueue(list, event.queue, view, null);
                list = out.list;
                look(event.queue.rows);
                if (out.refetch) {
                  listRefetches += 1;
                  throttle.add(["list"]);
                }
              } else {
                throttle.add(["list", "stats"]);
              }
            } catch {
              // keep-alive and control messages
            }
          }
        }
        if (!stopping) fail("live stream ended");
      } catch {
        if (!stopping) fail("live stream broke");
      } finally {
        throttle.dispose();
      }
    })();
    await refetch(["list", "stats"]);
  }

  console.log(`load: opening ${pageCount} NOC pages on ${base}`);
  for (let i = 0; i < pageCount; i += 20)
    await Promise.all(
      Array.from({ length: Math.min(20, pageCount - i) }, (_, j) => openPage(i + j)),
    );

  // the operators: resolve bench alerts seen scored, in batches, as a team would
  const resolver = (async () => {
    while (!stopping) {
      await sleep(500);
      const ids = [...scoredSeen].filter((id) => !resolved.has(id)).slice(0, 200);
      if (!ids.length) continue;
      for (const id of ids) resolved.add(id);
      const res = await fetch(`${base}/api/trpc/alert.resolve`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: operator },
        body: JSON.stringify({ json: { ids, resolution: "false_alarm", note: "load bench" } }),
      }).catch(() => null);
      if (!res?.ok) fail(`resolve ${res?.status ?? "network"}`);
    }
  })();

  // how late this process's own timers run: if it lags, the figures measure the generator
  const lags: number[] = [];
  let tick = performance.now();
  const lagTimer = setInterval(() => {
    const now = performance.now();
    lags.push(now - tick - 100);
    tick = now;
  }, 100);

  console.log(`load: ${rate} alerts/s for ${seconds} s`);
  const ids: string[] = [];
  const cpuFrom = machineCpu();
  const ownFrom = process.cpuUsage();
  const started = performance.now();
  const posts: Promise<void>[] = [];
  for (let i = 0; i < seconds * rate; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const title = `${tag} ${i}`;
    sentAt.set(title, performance.now());
    posts.push(
      fetch(`${base}/api/alerts`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({
          siteId: siteIds[i % siteIds.length],
          type: i % 3 ? "DEVICE_OFFLINE" : "INTRUSION",
          severity: i % 3 ? "medium" : "high",
          title,
          fingerprint: title,
        }),
      })
        .then(async (res) => {
          if (res.status !== 201) return fail(`POST /api/alerts ${res.status}`);
          ids.push(((await res.json()) as { id: string }).id);
        })
        .catch((err: unknown) => fail(`POST /api/alerts network (${networkCause(err)})`)),
    );
  }
  await Promise.all(posts);
  const sending = (performance.now() - started) / 1000;
  const own = process.cpuUsage(ownFrom);
  const machine = machineCpu();
  console.log(`load: sent ${seconds * rate} alerts in ${sending.toFixed(1)} s`);

  // every alert triaged? (wait up to a minute for the tail)
  let triaged: { created: Date; triaged: Date | null }[] = [];
  for (let waited = 0; waited < 60; waited += 2) {
    triaged = await db
      .select({ created: schema.alerts.createdAt, triaged: schema.alerts.triagedAt })
      .from(schema.alerts)
      .where(and(inArray(schema.alerts.id, ids), isNotNull(schema.alerts.triagedAt)));
    if (triaged.length >= ids.length) break;
    await sleep(2000);
  }
  await sleep(1500); // the pages' last refetches
  stopping = true;
  for (const a of aborts) a.abort();
  await resolver;

  clearInterval(lagTimer);
  const visible: number[] = [];
  for (const [title, at] of seenAt) {
    const sent = sentAt.get(title);
    if (sent !== undefined) for (const t of at) visible.push(t - sent);
  }
  const triage = triaged.flatMap((t) =>
    t.triaged ? [t.triaged.getTime() - t.created.getTime()] : [],
  );
  const unseen = [...sentAt.keys()].filter((t) => !seenAt.has(t)).length;
  console.log(
    `load: errors ${errors.size ? JSON.stringify(Object.fromEntries(errors)) : "none"}; ${pushes} alert pushes received (${pushesWithRows} with rows, ${listRefetches} asking for the queue), ${refetches} page refetches (${(refetches / sending / pageCount).toFixed(2)} per page per second)`,
  );
  console.log(
    `load: triaged ${triaged.length} of ${ids.length} created (${seconds * rate} sent); created → triaged p50 ${pct(triage, 50)} ms, p95 ${pct(triage, 95)} ms`,
  );
  console.log(
    `load: the load generator's own event-loop lag p50 ${pct(lags, 50).toFixed(0)} ms, p95 ${pct(lags, 95).toFixed(0)} ms`,
  );
  const busy = machine.busy - cpuFrom.busy;
  const total = machine.total - cpuFrom.total;
  console.log(
    `load: while sending, the machine's CPU was ${((100 * busy) / total).toFixed(0)} % busy (of ${machine.cores} cores); this generator used ${((own.user + own.system) / 1e4 / sending).toFixed(0)} % of one core; load average ${loadavg()[0]?.toFixed(1)}`,
  );
  console.log(
    `load: write → visible in ${watched} watched pages (${visible.length} sightings; ${unseen} alerts never seen): p50 ${pct(visible, 50).toFixed(0)} ms, p95 ${pct(visible, 95).toFixed(0)} ms`,
  );
  // leave no open bench alerts behind: the escalation clocks would escalate them all
  await db
    .update(schema.alerts)
    .set({ status: "resolved", resolvedAt: new Date(), resolution: "false_alarm" })
    .where(and(like(schema.alerts.title, `${tag} %`), ne(schema.alerts.status, "resolved")));
  await db
    .update(schema.apiKeys)
    .set({ revokedAt: new Date() })
    .where(eq(schema.apiKeys.name, `bench ${tag}`));
  await closeDb();
}
