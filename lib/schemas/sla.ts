import { z } from "zod";
import { SLA_CALENDARS, TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from "../sla";
import { idempotencyKeyText } from "./noc";
import { chosenId, isoDay, text, uuid } from "./common";

export const ticketCreateInput = z.object({
  siteId: uuid,
  title: text({
    min: 1,
    minMessage: "Give the ticket a title",
    max: 200,
    maxMessage: "Keep the title under 200 characters",
  }),
  description: text({
    max: 10_000,
    maxMessage: "Keep the description under 10,000 characters",
  }).default(""),
  requester: text({
    min: 1,
    minMessage: "Say who asked (a name or e-mail)",
    max: 200,
    maxMessage: "Keep the requester under 200 characters",
  }),
  category: z.enum(TICKET_CATEGORIES, `category must be one of ${TICKET_CATEGORIES.join(", ")}`),
  priority: z.enum(TICKET_PRIORITIES, `priority must be one of ${TICKET_PRIORITIES.join(", ")}`),
  assigneeId: uuid.nullable().optional(),
  idempotencyKey: idempotencyKeyText.optional(),
});
export type TicketCreateInput = z.input<typeof ticketCreateInput>;

/** The form someone logs a ticket with: the same input, with a site to choose. */
export const ticketFormInput = ticketCreateInput.extend({ siteId: chosenId("Choose a site") });

export const ticketStatusInput = z.object({
  id: uuid,
  status: z.enum(TICKET_STATUSES, `status must be one of ${TICKET_STATUSES.join(", ")}`),
});

export const ticketCommentInput = z.object({
  id: uuid,
  body: text({ min: 1, minMessage: "Write something", max: 5000 }),
  fromRequester: z.boolean().default(false),
});

const hhmm = text({ max: 5, trim: false, typeMessage: "Use HH:MM, e.g. 08:00" }).regex(
  /^([01]\d|2[0-3]):[0-5]\d$/,
  "Use HH:MM, e.g. 08:00",
);
const minutes = (what: string) =>
  z
    .number(`${what} must be a number of minutes`)
    .int(`${what} must be whole minutes`)
    .min(1, `${what} must be at least a minute`)
    .max(60 * 24 * 60, `${what} must be under 60 days`);

export const slaPolicyInput = z.object({
  clientId: uuid.nullable(),
  priority: z.enum(TICKET_PRIORITIES),
  responseMinutes: minutes("The response target"),
  resolutionMinutes: minutes("The resolution target"),
  calendar: z.enum(SLA_CALENDARS),
  businessDays: z.array(z.number().int().min(0).max(6)).max(7).default([1, 2, 3, 4, 5]),
  opensAt: hhmm.default("08:00"),
  closesAt: hhmm.default("18:00"),
});

/**
 * A new client override: the same policy, for a client to choose (without one the server would
 * take it for the tenant default: never send that). Asked even while other fields are wrong.
 */
export const slaOverrideFormInput = slaPolicyInput.refine((p) => p.clientId !== null, {
  message: "Choose a client",
  path: ["clientId"],
  when: (payload) => typeof payload.value === "object" && payload.value !== null,
});

export const holidayInput = z.object({
  clientId: uuid,
  day: isoDay("Use a date like 2026-12-25"),
  name: text({ min: 1, minMessage: "Name the holiday", max: 120 }),
});

/** The holiday form: the same input, with a client to choose. */
export const holidayFormInput = holidayInput.extend({ clientId: chosenId("Choose a client") });

/** The SLA list's sortable columns; each has a natural first direction (RISK_SORT_DEFAULT_DIR). */
export const RISK_SORT_KEYS = ["risk", "timeLeft", "priority", "age"] as const;
export type RiskSortKey = (typeof RISK_SORT_KEYS)[number];
export type SortDir = "asc" | "desc";
/**
 * Riskiest first, least time left first, P1 first, oldest first. "asc"/"desc" are of the
 * column as shown: probability, time left, priority rank (P1 = 1), age.
 */
export const RISK_SORT_DEFAULT_DIR: Record<RiskSortKey, SortDir> = {
  risk: "desc",
  timeLeft: "asc",
  priority: "asc",
  age: "desc",
};

/** Which of the open tickets the list shows: at risk (not breached, at or over the alert line) or breached. */
export const RISK_STATES = ["at-risk", "breached"] as const;
export type RiskState = (typeof RISK_STATES)[number];

export const slaFilterSchema = z.object({
  sort: z.enum(RISK_SORT_KEYS).optional(),
  dir: z.enum(["asc", "desc"]).optional(),
  clientId: uuid.optional(),
  siteId: uuid.optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  minProbability: z.number().min(0).max(1).optional(),
  state: z.enum(RISK_STATES).optional(),
});
export type SlaFilters = z.infer<typeof slaFilterSchema>;
