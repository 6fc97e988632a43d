import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type StoredObject = { bytes: Buffer; contentType: string | undefined };

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const xmlError = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;

/**
 * A local stand-in for an S3-compatible object store, path-style (`/<bucket>/<key>`): PUT,
 * GET and DELETE of objects, answering as S3 does (404 NoSuchKey, 403 without a SigV4
 * signature, 503 SlowDown while `fail()`ed). Objects are kept in memory as `bucket/key`.
 */
export class S3Sink {
  readonly objects = new Map<string, StoredObject>();
  private failing = false;
  private server: Server | null = null;

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error("the S3 sink is not running");
    return `http://127.0.0.1:${address.port}`;
  }

  fail() {
    this.failing = true;
  }

  recover() {
    this.failing = false;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void (async () => {
        const body = await readBody(req);
        const send = (status: number, text = "", type = "application/xml") => {
          res.writeHead(status, { "content-type": type });
          res.end(text);
        };
        if (!String(req.headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256 "))
          return send(403, xmlError("AccessDenied", "Missing or unsigned request"));
        if (this.failing) return send(503, xmlError("SlowDown", "Please reduce your request rate"));
        const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).slice(1);
        if (!path.includes("/")) return send(400, xmlError("InvalidRequest", "No key"));
        if (req.method === "PUT") {
          this.objects.set(path, { bytes: body, contentType: req.headers["content-type"] });
          res.writeHead(200, { etag: '"sink"' });
          return res.end();
        }
        if (req.method === "GET") {
          const o = this.objects.get(path);
          if (!o) return send(404, xmlError("NoSuchKey", "The specified key does not exist."));
          res.writeHead(200, {
            "content-type": o.contentType ?? "application/octet-stream",
            "content-length": String(o.bytes.byteLength),
          });
          return res.end(o.bytes);
        }
        if (req.method === "DELETE") {
          this.objects.delete(path);
          res.writeHead(204);
          return res.end();
        }
        return send(405, xmlError("MethodNotAllowed", "Not supported by the sink"));
      })();
    });
    await new Promise<void>((r) => this.server?.listen(0, "127.0.0.1", r));
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server = null;
  }
}

export async function startS3Sink(): Promise<S3Sink> {
  const sink = new S3Sink();
  await sink.start();
  return sink;
}
