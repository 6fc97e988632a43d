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

/** A Slack incoming-webhook message: fallback text plus a section block. */
export function slackMessage(subject: string, body: string, link: string | null) {
  const url = link ? `${appBaseUrl()}${link}` : null;
  const text = `*${subject}*\n${body}${url ? `\n<${url}|Open in Watchfloor>` : ""}`;
  return {
    text: `${subject}: ${body}`,
    blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
  };
}

export async function postToSlack(webhookUrl: string, message: unknown): Promise<void> {
  const res = await fetch(webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`Slack answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
}
