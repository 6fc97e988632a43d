import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { z } from "zod";
import type { Executor } from "./executor";
import { parseRegistration, type RegisterBody } from "./registry";
import { RegistrationRefused } from "./refusals";
import type { InngestEvent, RegisteredFunction } from "./types";

const MAX_BODY = 5 * 1024 * 1024;

const eventSchema = z.object({
  name: z.string().min(1).max(200),
  data: z.record(z.string(), z.unknown()).default({}),
  id: z.string().min(1).max(200).optional(),
  ts: z.number().optional(),
  user: z.record(z.string(), z.unknown()).optional(),
});

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : null;
}

/**
 * The dev-server API the Inngest SDK talks to: POST /fn/register and POST /e/:key.
 * Listens on loopback only; it is not meant to be exposed.
 */
export function createExecutorServer(executor: Executor): Server {
  return createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    void (async () => {
      try {
        if (req.method === "GET" && (url.pathname === "/" || url.pathname === "/health")) {
          return send(200, {
            ok: true,
            kind: "watchfloor-embedded-executor",
            functions: executor.registered.length,
          });
        }
        if (req.method === "POST" && url.pathname === "/fn/register") {
          let fns: RegisteredFunction[];
          try {
            fns = parseRegistration((await readJson(req)) as RegisterBody);
          } catch (err) {
            if (!(err instanceof RegistrationRefused)) throw err;
            // the SDK hands this to whoever asked the app to sync (its PUT's reply)
            executor.refused(err);
            return send(400, { status: 400, error: err.message });
          }
          await executor.register(fns);
          return send(200, { ok: true, modified: true });
        }
        if (req.method === "POST" && url.pathname.startsWith("/e/")) {
          const raw = await readJson(req);
          const parsed = z.array(eventSchema).safeParse(Array.isArray(raw) ? raw : [raw]);
          if (!parsed.success)
            return send(400, { status: 400, error: `invalid events: ${parsed.error.message}` });
          const events: InngestEvent[] = parsed.data.map((e) => ({
            id: e.id ?? randomUUID(),
            name: e.name,
            data: e.data,
            ts: e.ts ?? Date.now(),
            ...(e.user ? { user: e.user } : {}),
          }));
          const ids = await executor.receive(events);
          return send(200, { ids, status: 200 });
        }
        send(404, { error: `not found: ${req.method} ${url.pathname}` });
      } catch (err) {
        send(500, { status: 500, error: err instanceof Error ? err.message : "error" });
      }
    })();
  });
}
