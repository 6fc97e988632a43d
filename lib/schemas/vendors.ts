import { z } from "zod";
import { WORK_ORDER_CATEGORIES, WORK_ORDER_PRIORITIES, WORK_ORDER_STATUSES } from "../work-orders";
import { chosenId, coercedInstant, email, isoDay, phone, searchText, text, uuid } from "./common";

export const workOrderCreateInput = z.object({
  siteId: uuid,
  title: text({
    min: 1,
    minMessage: "Give the work order a title",
    max: 200,
    maxMessage: "Keep the title under 200 characters",
  }),
  description: text({ max: 10_000, maxMessage: "Keep it under 10,000 characters" }).default(""),
  category: z.enum(WORK_ORDER_CATEGORIES, "Choose a category"),
  priority: z.enum(WORK_ORDER_PRIORITIES, "Choose a priority").default("normal"),
  estimateHours: z
    .number("The estimate must be a number of hours")
    .positive("The estimate must be more than 0 hours")
    .max(1000, "The estimate must be under 1000 hours")
    .nullable()
    .optional(),
  dueAt: coercedInstant("Give a due date and time").nullable().optional(),
  vendorId: uuid.nullable().optional(),
});

/** The form a work order is opened with: the same input, with a site to choose. */
export const workOrderFormInput = workOrderCreateInput.extend({
  siteId: chosenId("Choose a site"),
});

/** Editing an open order's description fields; omitted fields stay as they are. */
export const workOrderUpdateInput = z.object({
  id: uuid,
  title: workOrderCreateInput.shape.title.optional(),
  description: text({ max: 10_000, maxMessage: "Keep it under 10,000 characters" }).optional(),
  category: workOrderCreateInput.shape.category.optional(),
  priority: z.enum(WORK_ORDER_PRIORITIES, "Choose a priority").optional(),
  estimateHours: workOrderCreateInput.shape.estimateHours,
  dueAt: workOrderCreateInput.shape.dueAt,
});

export const workOrderMoveInput = z.object({
  id: uuid,
  to: z.enum(WORK_ORDER_STATUSES, "Not a work-order status"),
  note: text({ max: 2000, maxMessage: "Keep the note under 2000 characters" }).optional(),
  rating: z.number().int().min(1, "Rate from 1 to 5").max(5, "Rate from 1 to 5").optional(),
});

export const portalMoveInput = z.object({
  to: z.enum(["accepted", "in_progress", "on_hold", "completed"], "Not something a vendor can do"),
  note: text({ max: 2000, maxMessage: "Keep the note under 2000 characters" }).optional(),
});

/** The vendor turns the job down, saying why; the order goes back to the dispatcher. */
export const portalDeclineInput = z.object({
  reason: text({
    min: 3,
    minMessage: "Say why you cannot take the job",
    max: 1000,
    maxMessage: "Keep the reason under 1000 characters",
  }),
});

/** The vendor is heading to the site, optionally saying in how many minutes they arrive. */
export const portalOnMyWayInput = z.object({
  etaMinutes: z
    .number("Give the minutes as a number")
    .int("Use whole minutes")
    .min(1, "At least a minute")
    .max(24 * 60, "Under a day")
    .optional(),
});

export const noteInput = z.object({
  note: text({
    min: 1,
    minMessage: "Write a note",
    max: 2000,
    maxMessage: "Keep the note under 2000 characters",
  }),
});

export const workOrderFilterSchema = z.object({
  status: z.enum(WORK_ORDER_STATUSES).optional(),
  siteId: uuid.optional(),
  vendorId: uuid.optional(),
  category: z.enum(WORK_ORDER_CATEGORIES).optional(),
  q: searchText,
  /** only orders still being worked (new to on hold) */
  open: z.boolean().optional(),
});

export const vendorCreateInput = z.object({
  name: text({ min: 1, minMessage: "Name the vendor", max: 120 }),
  trades: z.array(z.enum(WORK_ORDER_CATEGORIES)).max(20).default([]),
  contactName: text({ max: 120 }).default(""),
  email: email("Enter the vendor's e-mail address"),
  phone: phone().default(""),
});

export const vendorDocumentInput = z.object({
  vendorId: uuid,
  kind: z.enum(["insurance", "licence", "certification", "other"], "Choose a document kind"),
  name: text({ min: 1, minMessage: "Name the document", max: 200 }),
  expiresOn: isoDay("Use a date like 2027-03-31"),
});

export const VENDOR_PERIODS = [30, 90, 180, 365] as const;

export const vendorTrendInput = z.object({
  vendorId: uuid,
  months: z.number().int().min(1, "At least 1 month").max(24, "At most 24 months").default(6),
});
