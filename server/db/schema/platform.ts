import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { EmailDigest, NotificationPrefs } from "@/lib/notifications";
import { ROLES } from "@/lib/roles";
import { TIERS } from "@/lib/tiers";
import { id, timestamps } from "./_columns";

export const roleEnum = pgEnum("role", ROLES);
export const tierEnum = pgEnum("tier", TIERS);
export const actorTypeEnum = pgEnum("actor_type", ["user", "system", "vendor_token", "api_key"]);

export const tenants = pgTable("tenants", {
  id: id(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  slackWebhookUrl: text("slack_webhook_url"),
  ...timestamps,
});

/** The tenant every row belongs to; deleting a tenant deletes its rows. */
export const tenantRef = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" });

/** Contract targets a client signed for; scorecards and SLA pages compare against them. */
export type ContractTargets = {
  slaMetPct?: number;
  alarmResponseMinutes?: number;
  shiftFillPct?: number;
  deviceUptimePct?: number;
};

export const clients = pgTable(
  "clients",
  {
    id: id(),
    tenantId: tenantRef(),
    name: text("name").notNull(),
    tier: tierEnum("tier").notNull().default("none"),
    executiveRecipients: text("executive_recipients")
      .array()
      .notNull()
      .default(sql`'{}'`),
    contractTargets: jsonb("contract_targets").$type<ContractTargets>().notNull().default({}),
    active: boolean("active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    // admin client list, ordered by name
    uniqueIndex("clients_tenant_id_name_idx").on(t.tenantId, t.name),
  ],
);

export const sites = pgTable(
  "sites",
  {
    id: id(),
    tenantId: tenantRef(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    address: text("address").notNull().default(""),
    /** the site's contact number (front desk or duty manager): vendors tap it to call */
    phone: text("phone").notNull().default(""),
    timeZone: text("time_zone").notNull(),
    latitude: doublePrecision("latitude").notNull(),
    longitude: doublePrecision("longitude").notNull(),
    geofenceRadiusM: integer("geofence_radius_m").notNull().default(150),
    criticality: integer("criticality").notNull().default(3),
    active: boolean("active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    // sites list by tenant, and a client's sites
    index("sites_tenant_id_client_id_idx").on(t.tenantId, t.clientId),
    check("sites_criticality_range", sql`${t.criticality} between 1 and 5`),
    check("sites_geofence_radius_positive", sql`${t.geofenceRadiusM} > 0`),
    check("sites_latitude_range", sql`${t.latitude} between -90 and 90`),
    check("sites_longitude_range", sql`${t.longitude} between -180 and 180`),
  ],
);

export const users = pgTable(
  "users",
  {
    id: id(),
    tenantId: tenantRef(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: roleEnum("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    active: boolean("active").notNull().default(true),
    emailNotifications: boolean("email_notifications").notNull().default(true),
    /** per-kind channel choices (lib/notifications.ts); a kind not in it keeps the default */
    notificationPrefs: jsonb("notification_prefs").$type<NotificationPrefs>().notNull().default({}),
    emailDigest: text("email_digest").$type<EmailDigest>().notNull().default("off"),
    /** the NOC page rings (sound and desktop notification) for new alerts scored 80+: opt-in */
    criticalAlertPing: boolean("critical_alert_ping").notNull().default(false),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    // sign-in looks a user up by e-mail across tenants, so e-mail is unique system-wide
    uniqueIndex("users_email_idx").on(sql`lower(${t.email})`),
    // admin user list
    index("users_tenant_id_name_idx").on(t.tenantId, t.name),
  ],
);

/** Narrows site managers (sites or whole clients) and executives (clients); none means all. */
export const userScopes = pgTable(
  "user_scopes",
  {
    id: id(),
    tenantId: tenantRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    siteId: uuid("site_id").references(() => sites.id, { onDelete: "cascade" }),
    clientId: uuid("client_id").references(() => clients.id, { onDelete: "cascade" }),
  },
  (t) => [
    index("user_scopes_tenant_id_idx").on(t.tenantId),
    // resolving a user's scope on each request
    index("user_scopes_user_id_idx").on(t.userId),
    uniqueIndex("user_scopes_user_site_idx").on(t.userId, t.siteId),
    uniqueIndex("user_scopes_user_client_idx").on(t.userId, t.clientId),
    check("user_scopes_one_target", sql`num_nonnulls(${t.siteId}, ${t.clientId}) = 1`),
  ],
);

export const groups = pgTable(
  "groups",
  {
    id: id(),
    tenantId: tenantRef(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    slackWebhookUrl: text("slack_webhook_url"),
    ...timestamps,
  },
  (t) => [uniqueIndex("groups_tenant_id_name_idx").on(t.tenantId, t.name)],
);

export const groupMembers = pgTable(
  "group_members",
  {
    tenantId: tenantRef(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    index("group_members_tenant_id_idx").on(t.tenantId),
    // "which groups is this user in" (routing, specialist scope)
    index("group_members_user_id_idx").on(t.userId),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: tenantRef(),
    actorType: actorTypeEnum("actor_type").notNull(),
    actorId: text("actor_id").notNull(),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // an entity's timeline
    index("audit_log_tenant_id_entity_idx").on(t.tenantId, t.entityType, t.entityId, t.createdAt),
    // the tenant-wide activity feed, newest first
    index("audit_log_tenant_id_created_at_idx").on(t.tenantId, t.createdAt),
    // the audit page, newest first by id: all rows, one person's, one kind (and action)
    index("audit_log_tenant_id_id_idx").on(t.tenantId, t.id),
    index("audit_log_tenant_id_actor_id_idx").on(t.tenantId, t.actorId, t.id),
    index("audit_log_tenant_id_type_action_id_idx").on(t.tenantId, t.entityType, t.action, t.id),
  ],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    tenantId: tenantRef(),
    name: text("name").notNull(),
    /** first characters of the key, shown so people can tell keys apart */
    prefix: text("prefix").notNull(),
    /** sha-256 of the whole key; keys are 256 random bits so a fast hash is enough */
    keyHash: text("key_hash").notNull().unique(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("api_keys_tenant_id_idx").on(t.tenantId)],
);

/** Failed sign-in counters, per account and per address, shared by every app instance. */
export const signInThrottle = pgTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});
