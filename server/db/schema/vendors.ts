import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { WORK_ORDER_PRIORITIES, WORK_ORDER_STATUSES } from "@/lib/work-orders";
import { id, timestamps } from "./_columns";
import { clients, sites, tenantRef, users } from "./platform";

export const workOrderStatusEnum = pgEnum("work_order_status", WORK_ORDER_STATUSES);
export const workOrderPriorityEnum = pgEnum("work_order_priority", WORK_ORDER_PRIORITIES);

export const vendors = pgTable(
  "vendors",
  {
    id: id(),
    tenantId: tenantRef(),
    name: text("name").notNull(),
    /** the trades it works in (work-order categories) */
    trades: text("trades")
      .array()
      .notNull()
      .default(sql`'{}'`),
    contactName: text("contact_name").notNull().default(""),
    email: text("email").notNull(),
    phone: text("phone").notNull().default(""),
    active: boolean("active").notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex("vendors_tenant_id_name_idx").on(t.tenantId, t.name)],
);

/** Insurance certificates, licences: an expired one makes the vendor do-not-dispatch. */
export const vendorDocuments = pgTable(
  "vendor_documents",
  {
    id: id(),
    tenantId: tenantRef(),
    vendorId: uuid("vendor_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    expiresOn: date("expires_on", { mode: "string" }).notNull(),
    ...timestamps,
  },
  (t) => [
    index("vendor_documents_vendor_id_idx").on(t.vendorId, t.expiresOn),
    index("vendor_documents_tenant_id_idx").on(t.tenantId),
  ],
);

export const workOrders = pgTable(
  "work_orders",
  {
    id: id(),
    tenantId: tenantRef(),
    number: bigserial("number", { mode: "number" }).notNull(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    siteId: uuid("site_id")
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
    vendorId: uuid("vendor_id").references(() => vendors.id, { onDelete: "set null" }),
    requesterId: uuid("requester_id").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    category: text("category").notNull(),
    priority: workOrderPriorityEnum("priority").notNull().default("normal"),
    status: workOrderStatusEnum("status").notNull().default("new"),
    estimateHours: doublePrecision("estimate_hours"),
    dueAt: timestamp("due_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    /** the requester's 1–5 rating on verification */
    rating: smallint("rating"),
    /** reopened after verification: counts against the vendor's rework component */
    rework: boolean("rework").notNull().default(false),
    /** a verified order at the same site and category within 14 days: for the requester to confirm */
    possibleReworkOf: uuid("possible_rework_of"),
    reworkConfirmed: boolean("rework_confirmed"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("work_orders_tenant_id_number_idx").on(t.tenantId, t.number),
    // the list page: newest first, filtered by status; all of them; one vendor's (drill-down)
    index("work_orders_tenant_id_status_created_idx").on(t.tenantId, t.status, t.createdAt),
    index("work_orders_tenant_id_created_idx").on(t.tenantId, t.createdAt),
    index("work_orders_vendor_id_created_idx").on(t.vendorId, t.createdAt),
    // rankings: a vendor's completed orders in a period
    index("work_orders_tenant_id_vendor_id_completed_idx")
      .on(t.tenantId, t.vendorId, t.completedAt)
      .where(sql`${t.completedAt} is not null`),
    // rework detection: verified orders at a site and category
    index("work_orders_site_id_category_verified_idx")
      .on(t.siteId, t.category, t.verifiedAt)
      .where(sql`${t.verifiedAt} is not null`),
  ],
);

/** The order's timeline: status changes, notes, assignments, links sent and revoked. */
export const workOrderEvents = pgTable(
  "work_order_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: tenantRef(),
    workOrderId: uuid("work_order_id")
      .notNull()
      .references(() => workOrders.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    fromStatus: workOrderStatusEnum("from_status"),
    toStatus: workOrderStatusEnum("to_status"),
    note: text("note"),
    actorLabel: text("actor_label").notNull(),
    /** set when a vendor acted through a link */
    tokenId: uuid("token_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("work_order_events_work_order_id_idx").on(t.workOrderId, t.at),
    index("work_order_events_tenant_id_idx").on(t.tenantId),
  ],
);

export const workOrderAttachments = pgTable(
  "work_order_attachments",
  {
    id: id(),
    tenantId: tenantRef(),
    workOrderId: uuid("work_order_id")
      .notNull()
      .references(() => workOrders.id, { onDelete: "cascade" }),
    /** where the bytes are: a path under the storage root, or an object key */
    storageKey: text("storage_key").notNull(),
    name: text("name").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    uploadedBy: text("uploaded_by").notNull(),
    tokenId: uuid("token_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("work_order_attachments_work_order_id_idx").on(t.workOrderId),
    index("work_order_attachments_tenant_id_idx").on(t.tenantId),
  ],
);

/** Vendor portal links: the token itself is never stored, only its sha-256. */
export const vendorTokens = pgTable(
  "vendor_tokens",
  {
    id: id(),
    tenantId: tenantRef(),
    workOrderId: uuid("work_order_id")
      .notNull()
      .references(() => workOrders.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("vendor_tokens_token_hash_idx").on(t.tokenHash),
    index("vendor_tokens_work_order_id_idx").on(t.workOrderId),
    index("vendor_tokens_tenant_id_idx").on(t.tenantId),
  ],
);
