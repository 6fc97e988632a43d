import { eventType, Inngest } from "inngest";
import { z } from "zod";
import { RunHistory } from "./middleware/run-history";

import { APP_ID } from "./catalog";

export { APP_ID };

/** Every event the app sends or handles, with its payload schema, shared by senders and functions. */
export const events = {
  alertCreated: eventType("noc/alert.created", {
    schema: z.object({
      tenantId: z.uuid(),
      alertId: z.uuid(),
      /** raised with many others by a background function (an SLA run): triaged after alerts raised one by one */
      bulk: z.boolean().optional(),
    }),
  }),
  notifyRequested: eventType("notify/requested", {
    schema: z.object({ tenantId: z.uuid(), notificationIds: z.array(z.uuid()).min(1).max(500) }),
  }),
};

/** The payload of `jobs/<id>.run-requested`, sent by "Run now" on the jobs page. */
export const runRequestedSchema = z.object({ requestedBy: z.string(), tenantId: z.uuid() });

/**
 * With INNGEST_SIGNING_KEY the app talks to Inngest (Cloud, or self-hosted at INNGEST_BASE_URL).
 * Without it, it runs in Inngest's dev mode against the embedded executor (or a real dev
 * server) at INNGEST_BASE_URL, default 127.0.0.1:8288.
 */
export const inngestMode: "inngest" | "embedded" = process.env.INNGEST_SIGNING_KEY
  ? "inngest"
  : "embedded";

export const inngest = new Inngest({
  id: APP_ID,
  isDev: inngestMode === "embedded",
  ...(inngestMode === "embedded"
    ? { baseUrl: process.env.INNGEST_BASE_URL ?? "http://127.0.0.1:8288" }
    : {}),
  middleware: inngestMode === "inngest" ? [RunHistory] : [],
});
