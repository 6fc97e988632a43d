import "server-only";
import { eventType, type EventType, type StandardSchemaV1 } from "inngest";
import { z } from "zod";
import type { JobId } from "./catalog";

/**
 * Every event the app sends or handles, with its payload schema: functions trigger on these
 * (the SDK checks a received event against its schema), and senders build `AppEvent`s from them.
 */
export const events = {
  alertCreated: eventType("noc/alert.created", {
    schema: z.object({
      tenantId: z.uuid(),
      alertId: z.uuid(),
      /** raised with many others by a background function (an SLA run): triaged after alerts raised one by one */
      bulk: z.boolean().optional(),
    }),
  }),
  /** an alert's triage finished (scored, routed): playbooks whose trigger matches start runs */
  alertTriaged: eventType("noc/alert.triaged", {
    schema: z.object({ tenantId: z.uuid(), alertId: z.uuid() }),
  }),
  /** one playbook run to carry out (its id is the event id: a resend is the same run) */
  playbookRunRequested: eventType("playbooks/run.requested", {
    schema: z.object({ tenantId: z.uuid(), runId: z.uuid() }),
  }),
  /** a waiting run was approved, rejected or cancelled (kill switch): wakes its approval wait */
  playbookRunDecided: eventType("playbooks/run.decided", {
    schema: z.object({
      tenantId: z.uuid(),
      runId: z.uuid(),
      decision: z.enum(["approve", "reject", "cancel"]),
    }),
  }),
  /** a roster change (posts, templates, assignments, tours): rebuild these sites' schedule now */
  rosterChanged: eventType("shifts/roster.changed", {
    schema: z.object({ tenantId: z.uuid(), siteIds: z.array(z.uuid()).min(1).max(1000) }),
  }),
  /** one tenant's hourly device health run, fanned out by `device-health` */
  deviceHealthRequested: eventType("devices/health.requested", {
    schema: z.object({ tenantId: z.uuid(), at: z.iso.datetime() }),
  }),
  notifyRequested: eventType("notify/requested", {
    schema: z.object({ tenantId: z.uuid(), notificationIds: z.array(z.uuid()).min(1).max(500) }),
  }),
  /** one client's scorecard of a past month: the monthly fan-out, or on demand */
  scorecardRequested: eventType("scorecard/generate.requested", {
    schema: z.object({
      tenantId: z.uuid(),
      clientId: z.uuid(),
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
      regenerate: z.boolean().optional(),
      /** e-mail it to the client's executive recipients once stored (the monthly run) */
      email: z.boolean().optional(),
    }),
  }),
};

type Outgoing<E> =
  E extends EventType<infer Name, infer Schema>
    ? Schema extends StandardSchemaV1
      ? { name: Name; data: StandardSchemaV1.InferInput<Schema>; id?: string }
      : never
    : never;

/** `jobs/<id>.run-requested`, sent by "Run now" on the jobs page (the function reads no data). */
type RunRequested = {
  name: `jobs/${JobId}.run-requested`;
  data: { requestedBy: string; tenantId: string };
  id?: string;
};

/**
 * An event as the app sends it: its name picks its payload's type, so a sender cannot name
 * an event that nothing declares or leave out a field its schema needs. `id` makes a resend
 * the same event.
 */
export type AppEvent = Outgoing<(typeof events)[keyof typeof events]> | RunRequested;

/** The event of this name. */
export type AppEventOf<N extends AppEvent["name"]> = Extract<AppEvent, { name: N }>;
