import "server-only";
import nodemailer, { type Transporter } from "nodemailer";

let transport: { url: string; t: Transporter } | null = null;

/** The SMTP transport for SMTP_URL, or null when none is configured (dev mailbox). */
export function mailTransport(): Transporter | null {
  const url = process.env.SMTP_URL;
  if (!url) return null;
  if (transport?.url !== url) {
    transport = {
      url,
      t: nodemailer.createTransport(url, { connectionTimeout: 10_000, socketTimeout: 20_000 }),
    };
  }
  return transport.t;
}

export function mailFrom(): string {
  return process.env.MAIL_FROM ?? "Watchfloor <no-reply@watchfloor.local>";
}

export function appBaseUrl(): string {
  return (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`).replace(
    /\/$/,
    "",
  );
}

/** A delivery failure that retrying cannot fix (no webhook, a webhook Slack refuses). */
export class PermanentError extends Error {}

/** Slack's mrkdwn treats &, < and > as markup: escape them so text cannot mention or link. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const SECTION_LIMIT = 3000;

/** A Slack incoming-webhook message: fallback text plus a section block. */
export function slackMessage(subject: string, body: string, link: string | null) {
  const url = link ? `${appBaseUrl()}${link}` : null;
  const suffix = url ? `\n<${url}|Open in Watchfloor>` : "";
  let text = `*${escapeSlack(subject)}*\n${escapeSlack(body)}`;
  if (text.length + suffix.length > SECTION_LIMIT)
    text = `${text.slice(0, SECTION_LIMIT - suffix.length - 1)}…`;
  return {
    text: escapeSlack(`${subject}: ${body}`).slice(0, SECTION_LIMIT),
    blocks: [{ type: "section", text: { type: "mrkdwn", text: text + suffix } }],
  };
}

export async function postToSlack(webhookUrl: string, message: unknown): Promise<void> {
  const res = await fetch(webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.ok) return;
  const detail = `Slack answered ${res.status}: ${(await res.text()).slice(0, 200)}`;
  // 4xx (bad payload, removed webhook) will not get better by retrying; 429 and 5xx may
  if (res.status >= 400 && res.status < 500 && res.status !== 429) throw new PermanentError(detail);
  throw new Error(detail);
}
