import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** A message as the sink received it: the envelope, a few headers and the decoded text body. */
export type SinkMail = {
  envelope: { from: string | null; to: string[] };
  /** header names in lower case; repeated headers keep the last value */
  headers: Record<string, string>;
  subject: string;
  to: string;
  messageId: string;
  body: string;
  raw: string;
};

/** Undoes quoted-printable: soft line breaks and =XX escapes (bytes decoded as UTF-8). */
function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i] ?? "", "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Just enough of RFC 5322 for single-part text messages such as nodemailer sends for `text`. */
export function parseMail(raw: string, envelope: SinkMail["envelope"]): SinkMail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split === -1 ? raw : raw.slice(0, split);
  let body = split === -1 ? "" : raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string> = {};
  // unfold continuation lines, then split "Name: value"
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = headers["content-transfer-encoding"]?.toLowerCase();
  if (encoding === "quoted-printable") body = decodeQuotedPrintable(body);
  else if (encoding === "base64") body = Buffer.from(body, "base64").toString("utf8");
  body = body.replace(/\r\n/g, "\n").replace(/\n$/, "");
  return {
    envelope,
    headers,
    subject: headers.subject ?? "",
    to: headers.to ?? "",
    messageId: headers["message-id"] ?? "",
    body,
    raw,
  };
}

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it receives. `stop()` closes it
 * (connections are refused, as in an outage) and `start()` listens again on the same port,
 * so an SMTP_URL pointing at it stays valid.
 */
export class SmtpSink {
  readonly messages: SinkMail[] = [];
  /** how long to hold each message before accepting it, to keep deliveries in flight */
  delayMs = 0;
  /** messages being received right now (DATA started, not yet accepted) */
  inFlight = 0;
  private server: SMTPServer | null = null;
  private port = 0;

  /** The SMTP_URL for nodemailer: plain SMTP, never STARTTLS. */
  get url(): string {
    if (!this.port) throw new Error("the SMTP sink has not been started");
    return `smtp://127.0.0.1:${this.port}?ignoreTLS=true`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  /** Messages sent to an address (envelope recipient). */
  to(address: string): SinkMail[] {
    const wanted = address.toLowerCase();
    return this.messages.filter((m) => m.envelope.to.some((a) => a.toLowerCase() === wanted));
  }

  /** Messages whose Message-ID contains `text` (e.g. a notification id). */
  withMessageId(text: string): SinkMail[] {
    return this.messages.filter((m) => m.messageId.includes(text));
  }

  async start(): Promise<this> {
    if (this.server) return this;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      // no reverse DNS for 127.0.0.1: it only slows every connection down
      disableReverseLookup: true,
      closeTimeout: 1_000,
      logger: false,
      onData: (stream, session, callback) => {
        this.inFlight += 1;
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("error", (err) => {
          this.inFlight -= 1;
          callback(err);
        });
        stream.on("end", () => {
          const from = session.envelope.mailFrom;
          const mail = parseMail(Buffer.concat(chunks).toString("utf8"), {
            from: from ? from.address : null,
            to: session.envelope.rcptTo.map((a) => a.address),
          });
          setTimeout(() => {
            this.inFlight -= 1;
            this.messages.push(mail);
            callback();
          }, this.delayMs);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  clear(): void {
    this.messages.length = 0;
  }
}

export async function startSmtpSink(): Promise<SmtpSink> {
  return new SmtpSink().start();
}
