import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { AlertType } from "@/lib/noc";
import { NEVER_AUTO_RESOLVE, type PlaybookStep, type StepOf } from "@/lib/schemas/playbooks";
import type { TicketCategory } from "@/lib/sla";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { assignAlert, escalateAlert, resolveAlerts } from "../noc/actions";
import { notifyGroup, notifyTenantSlack, notifyUsers } from "../notifications/enqueue";
import { createTicket } from "../sla/tickets";
import { templateValues, type AlertFacts } from "./alert-facts";
import { collectDiagnostics } from "./diagnostics";
import { recipientNames } from "./names";
import { renderTemplate, type TemplateValues } from "./template";

/** What a step did: its output (kept on the step's row) and what it changes on the run. */
export type StepDone = {
  output: Record<string, unknown>;
  /** the step refused (a life-safety resolve): the run fails with this */
  refused?: string;
  ticketId?: string;
  resolvedAlert?: boolean;
};

export type StepInput<S extends PlaybookStep = PlaybookStep> = {
  runId: string;
  index: number;
  step: S;
  alert: AlertFacts;
  playbookName: string;
  /** the last condition that held before this step, if any: what justifies a resolution */
  signal: Record<string, unknown> | null;
};

// The outbox keeps plain text; each channel escapes it on delivery (Slack's &, <, >;
// e-mail goes as text/plain; the page renders text). Values cannot become markup anywhere.
const fill = (t: string, v: TemplateValues) => renderTemplate(t, v, "text");

const CATEGORY: Partial<Record<AlertType, TicketCategory>> = {
  DEVICE_FAILURE: "it",
  DEVICE_OFFLINE: "it",
  LOW_BATTERY: "it",
  SECURITY_BREACH: "alarm",
  INTRUSION: "alarm",
  FIRE_ALARM: "alarm",
  PANIC: "alarm",
  SHIFT_NO_SHOW: "guarding",
  SHIFT_LATE: "guarding",
  SHIFT_WRONG_SITE: "guarding",
  TOUR_MISSED: "guarding",
  GEOFENCE_VIOLATION: "guarding",
};

async function notify(ctx: ServiceCtx, i: StepInput<StepOf<"notify">>, now: Date) {
  const v = templateValues(i.alert, i.playbookName);
  const channels = i.step.channels.filter((c) => c !== "slack");
  const message = {
    subject: fill(i.step.subject, v),
    body: fill(i.step.body, v),
    link: `/noc?alert=${i.alert.id}`,
    dedupeKey: `playbook-run:${i.runId}:step:${i.index}`,
    kind: "playbook" as const,
    channels,
  };
  const slack = i.step.channels.includes("slack");
  let queued = 0;
  if (channels.length)
    queued += await notifyUsers(ctx, { ...message, userIds: i.step.recipients.userIds }, now);
  for (const groupId of i.step.recipients.groupIds)
    queued += await notifyGroup(ctx, { ...message, groupId, slack }, now);
  if (slack && !i.step.recipients.groupIds.length) queued += await notifyTenantSlack(ctx, message);
  return { output: { subject: message.subject, channels: i.step.channels, queued } };
}

async function ticket(ctx: ServiceCtx, i: StepInput<StepOf<"create_ticket">>, now: Date) {
  const v = templateValues(i.alert, i.playbookName);
  const t = await createTicket(
    ctx,
    {
      siteId: i.alert.siteId,
      title: fill(i.step.title, v),
      description: fill(i.step.body, v),
      requester: `Playbook: ${i.playbookName}`,
      category: CATEGORY[i.alert.type] ?? "other",
      priority: i.step.priority,
      // a retried step finds the ticket it opened instead of opening another
      idempotencyKey: `playbook-run:${i.runId}:step:${i.index}`,
    },
    now,
  );
  // the alert links to the ticket opened for it (unless it already names one)
  await ctx.db
    .update(schema.alerts)
    .set({ ticketId: t.id })
    .where(and(eq(schema.alerts.id, i.alert.id), isNull(schema.alerts.ticketId)));
  return { output: { ticketId: t.id, number: t.number }, ticketId: t.id };
}

async function resolve(
  ctx: ServiceCtx,
  i: StepInput<StepOf<"resolve_alert">>,
  now: Date,
): Promise<StepDone> {
  if (NEVER_AUTO_RESOLVE.includes(i.alert.type))
    return {
      output: { refused: true },
      refused: `A playbook never resolves ${i.alert.type} alerts automatically`,
    };
  const v = templateValues(i.alert, i.playbookName);
  const signal = i.signal ?? { rule: "no condition checked: the playbook resolves on its own" };
  const because =
    typeof signal.summary === "string" ? signal.summary : "the playbook's rule (no condition)";
  await resolveAlerts(
    ctx,
    {
      ids: [i.alert.id],
      resolution: "auto",
      note: `${fill(i.step.note, v)} — signal: ${because}`.slice(0, 2000),
    },
    now,
  );
  return { output: { resolution: "auto", signal }, resolvedAlert: true };
}

/** Does one step's work against the alert (the caller records it). */
export async function performStep(ctx: ServiceCtx, i: StepInput, now: Date): Promise<StepDone> {
  const s = i.step;
  const acts = s.kind === "assign" || s.kind === "escalate" || s.kind === "resolve_alert";
  if (acts && i.alert.status === "resolved" && !NEVER_AUTO_RESOLVE.includes(i.alert.type))
    return { output: { skipped: "the alert was already resolved" } };
  switch (s.kind) {
    case "notify":
      return notify(ctx, { ...i, step: s }, now);
    case "assign": {
      await assignAlert(ctx, {
        id: i.alert.id,
        ...(s.userId ? { userId: s.userId } : {}),
        ...(s.groupId ? { groupId: s.groupId } : {}),
      });
      const names = await recipientNames(ctx, { steps: [s] });
      const to = s.userId ?? s.groupId ?? "";
      return { output: { assignedTo: names.get(to) ?? "an unknown assignee" } };
    }
    case "collect_diagnostics":
      return { output: await collectDiagnostics(ctx, i.alert, s.lookbackHours, now) };
    case "create_ticket":
      return ticket(ctx, { ...i, step: s }, now);
    case "escalate": {
      const reason = fill(s.reason, templateValues(i.alert, i.playbookName));
      await escalateAlert(
        ctx,
        { id: i.alert.id, reason: reason || `playbook ${i.playbookName}` },
        now,
      );
      return { output: { escalated: true, reason } };
    }
    case "resolve_alert":
      return resolve(ctx, { ...i, step: s }, now);
    case "wait_for_condition":
      throw new Error("wait_for_condition is carried out by the function's polls");
  }
}
