import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A Slack incoming-webhook message as the sink accepted it. */
export type SlackBlock = { type: string } & Record<string, unknown>;
export type SlackMessage = { text: string; blocks?: SlackBlock[] } & Record<string, unknown>;
export type SlackPost = { path: string; message: SlackMessage };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether `value` is what Slack's incoming webhooks accept: non-empty `text`, well-formed blocks. */
export function isSlackMessage(value: unknown): value is SlackMessage {
  if (!isRecord(value)) return false;
  if (typeof value.text !== "string" || !value.text.trim()) return false;
  if (value.blocks === undefined) return true;
  return (
    Array.isArray(value.blocks) &&
    value.blocks.every((b) => isRecord(b) && typeof b.type === "string" && b.type.length > 0)
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A local stand-in for Slack incoming webhooks: every path is a webhook. Valid messages get
 * 200 "ok" and are kept; anything else gets 400 "invalid_payload", as Slack answers.
 * `fail()` makes it answer 500 (an outage) until `recover()`.
 */
export class SlackSink {
  readonly posts: SlackPost[] = [];
  /** bodies answered with 400, for tests that want to see what was rejected */
  readonly rejected: string[] = [];
  private failing: number | null = null;
  private server: Server | null = null;
  private port = 0;

  /** A webhook URL on this sink; give each group or tenant its own path to tell them apart. */
  webhook(path = "/services/T000/B000/XXXX"): string {
    if (!this.port) throw new Error("the Slack sink has not been started");
    return `http://127.0.0.1:${this.port}${path.startsWith("/") ? path : `/${path}`}`;
  }

  /** Messages posted to one webhook path. */
  postsTo(path: string): SlackMessage[] {
    return this.posts.filter((p) => p.path === path).map((p) => p.message);
  }

  fail(status = 500): void {
    this.failing = status;
  }

  recover(): void {
    this.failing = null;
  }

  async start(): Promise<this> {
    if (this.server) return this;
    const server = createServer((req, res) => {
      void (async () => {
        const body = await readBody(req);
        const reply = (status: number, text: string) => {
          res.writeHead(status, { "content-type": "text/plain" });
          res.end(text);
        };
        if (req.method !== "POST") return reply(405, "invalid_method");
        if (this.failing !== null) return reply(this.failing, "internal_error");
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          parsed = undefined;
        }
        if (!isSlackMessage(parsed)) {
          this.rejected.push(body);
          return reply(400, "invalid_payload");
        }
        this.posts.push({ path: new URL(req.url ?? "/", "http://sink").pathname, message: parsed });
        reply(200, "ok");
      })();
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      server.close((err) => (err ? reject(err) : resolve())),
    );
  }

  clear(): void {
    this.posts.length = 0;
    this.rejected.length = 0;
  }
}

export async function startSlackSink(): Promise<SlackSink> {
  return new SlackSink().start();
}
