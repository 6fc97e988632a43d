import { closeDb, db } from "@/server/db";
import { Executor } from "@/server/executor/executor";
import { createExecutorServer } from "@/server/executor/http";

/**
 * The embedded executor: plays Inngest's dev server for the app (registration, events,
 * cron, durable steps) with its state in PostgreSQL. Started by `npm run dev` / `npm start`
 * when no Inngest is configured; run one per machine beside the app (`npm run executor`).
 */
const port = Number(process.env.EXECUTOR_PORT ?? 8288);
const appUrl =
  process.env.WATCHFLOOR_INNGEST_URL ??
  `http://127.0.0.1:${process.env.PORT ?? "3000"}/api/inngest`;
const log = (line: string) => console.log(`[executor] ${line}`);

const knob = (name: string) => {
  const v = process.env[name];
  return v && Number(v) > 0 ? Number(v) : undefined;
};
const executor = new Executor({
  db,
  appUrl,
  log,
  ...(knob("EXECUTOR_CONCURRENCY") ? { concurrency: knob("EXECUTOR_CONCURRENCY") } : {}),
  ...(knob("EXECUTOR_POLL_MS") ? { pollMs: knob("EXECUTOR_POLL_MS") } : {}),
});
const server = createExecutorServer(executor);
server.listen(port, "127.0.0.1", () => {
  log(`listening on 127.0.0.1:${port}; running the functions served at ${appUrl}`);
  executor.start();
});
server.on("error", (err) => {
  console.error(`[executor] cannot listen on 127.0.0.1:${port}: ${err.message}`);
  process.exit(1);
});

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  server.close();
  await executor.stop();
  await closeDb();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
