import "server-only";
import { Inngest } from "inngest";
import { APP_ID } from "./catalog";
import type { AppEvent } from "./schemas";

/**
 * With INNGEST_SIGNING_KEY the app talks to Inngest (Cloud, or self-hosted at INNGEST_BASE_URL).
 * Without it, it runs in Inngest's dev mode against the embedded executor (or a real dev
 * server) at INNGEST_BASE_URL, default 127.0.0.1:8288.
 */
export const inngestMode: "inngest" | "embedded" = process.env.INNGEST_SIGNING_KEY
  ? "inngest"
  : "embedded";

/** What every Inngest client of the app is made with: the sender below and the functions' own. */
export const clientOptions = {
  id: APP_ID,
  isDev: inngestMode === "embedded",
  ...(inngestMode === "embedded"
    ? { baseUrl: process.env.INNGEST_BASE_URL ?? "http://127.0.0.1:8288" }
    : {}),
};

/**
 * The client services send events with. The functions are made on their own client
 * (`inngest/client.ts`), which adds the run-history middleware that calls services.
 */
export const eventClient = new Inngest(clientOptions);

/** Sends events now, typed by their schemas; resolves with their ids once accepted. */
export async function sendEvents(sent: AppEvent[]): Promise<string[]> {
  const { ids } = await eventClient.send(sent);
  return ids;
}
