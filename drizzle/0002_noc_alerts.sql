CREATE TYPE "public"."alert_source" AS ENUM('device', 'ticket', 'shift', 'api', 'manual', 'system');--> statement-breakpoint
CREATE TYPE "public"."alert_status" AS ENUM('new', 'acknowledged', 'in_progress', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."alert_type" AS ENUM('DEVICE_FAILURE', 'DEVICE_OFFLINE', 'LOW_BATTERY', 'SECURITY_BREACH', 'INTRUSION', 'FIRE_ALARM', 'PANIC', 'SLA_BREACH_RISK', 'GEOFENCE_VIOLATION', 'SHIFT_NO_SHOW', 'SHIFT_LATE', 'SHIFT_WRONG_SITE');--> statement-breakpoint
CREATE TYPE "public"."escalation_clock" AS ENUM('score', 'unacknowledged', 'not_progressed', 'nobody_on_shift', 'routed_unacknowledged');--> statement-breakpoint
CREATE TYPE "public"."alert_resolution" AS ENUM('manual', 'auto', 'duplicate', 'false_alarm');--> statement-breakpoint
CREATE TYPE "public"."alert_severity" AS ENUM('critical', 'high', 'medium', 'low', 'info');--> statement-breakpoint
CREATE TABLE "alert_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"alert_id" uuid NOT NULL,
	"user_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_escalations" (
	"tenant_id" uuid NOT NULL,
	"alert_id" uuid NOT NULL,
	"clock" "escalation_clock" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_escalations_alert_id_clock_pk" PRIMARY KEY("alert_id","clock")
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"device_id" uuid,
	"ticket_id" uuid,
	"shift_id" uuid,
	"type" "alert_type" NOT NULL,
	"severity" "alert_severity" NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"source" "alert_source" NOT NULL,
	"fingerprint" text NOT NULL,
	"idempotency_key" text,
	"status" "alert_status" DEFAULT 'new' NOT NULL,
	"score" integer,
	"score_factors" jsonb,
	"scored_by" text,
	"triaged_at" timestamp with time zone,
	"assigned_user_id" uuid,
	"assigned_group_id" uuid,
	"routed_at" timestamp with time zone,
	"escalated" boolean DEFAULT false NOT NULL,
	"escalated_at" timestamp with time zone,
	"escalation_target" text,
	"occurrence_count" integer DEFAULT 1 NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"progressed_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution" "alert_resolution",
	"resolution_note" text,
	"suppressed_by_window_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"client_ids" uuid[] DEFAULT '{}' NOT NULL,
	"site_ids" uuid[] DEFAULT '{}' NOT NULL,
	"types" "alert_type"[] DEFAULT '{}' NOT NULL,
	"created_by" uuid,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "priority_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"model" jsonb NOT NULL,
	"sample_size" integer NOT NULL,
	"positives" integer NOT NULL,
	"auc" double precision NOT NULL,
	"usable" boolean NOT NULL,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"tenant_id" uuid NOT NULL,
	"type" "alert_type" NOT NULL,
	"group_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routing_rules_tenant_id_type_pk" PRIMARY KEY("tenant_id","type")
);
--> statement-breakpoint
ALTER TABLE "alert_comments" ADD CONSTRAINT "alert_comments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_comments" ADD CONSTRAINT "alert_comments_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_comments" ADD CONSTRAINT "alert_comments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_escalations" ADD CONSTRAINT "alert_escalations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_escalations" ADD CONSTRAINT "alert_escalations_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_assigned_user_id_users_id_fk" FOREIGN KEY ("assigned_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_assigned_group_id_groups_id_fk" FOREIGN KEY ("assigned_group_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_models" ADD CONSTRAINT "priority_models_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_comments_alert_id_idx" ON "alert_comments" USING btree ("alert_id","created_at");--> statement-breakpoint
CREATE INDEX "alert_comments_tenant_id_idx" ON "alert_comments" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "alert_escalations_tenant_id_idx" ON "alert_escalations" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_tenant_id_fingerprint_open_idx" ON "alerts" USING btree ("tenant_id","fingerprint") WHERE "alerts"."status" <> 'resolved';--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_tenant_id_idempotency_key_idx" ON "alerts" USING btree ("tenant_id","idempotency_key") WHERE "alerts"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "alerts_queue_idx" ON "alerts" USING btree ("tenant_id","score" desc nulls first,"first_seen_at") WHERE "alerts"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_tenant_id_site_id_last_seen_idx" ON "alerts" USING btree ("tenant_id","site_id","last_seen_at");--> statement-breakpoint
CREATE INDEX "alerts_tenant_id_resolved_at_idx" ON "alerts" USING btree ("tenant_id","resolved_at") WHERE "alerts"."status" = 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_tenant_id_assigned_group_idx" ON "alerts" USING btree ("tenant_id","assigned_group_id");--> statement-breakpoint
CREATE INDEX "maintenance_windows_tenant_id_ends_at_idx" ON "maintenance_windows" USING btree ("tenant_id","ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "priority_models_tenant_id_kind_version_idx" ON "priority_models" USING btree ("tenant_id","kind","version");