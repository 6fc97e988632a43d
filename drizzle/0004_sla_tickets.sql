CREATE TYPE "public"."sla_calendar" AS ENUM('24x7', 'business');--> statement-breakpoint
CREATE TYPE "public"."ticket_priority" AS ENUM('P1', 'P2', 'P3', 'P4');--> statement-breakpoint
CREATE TYPE "public"."ticket_status" AS ENUM('open', 'in_progress', 'pending_customer', 'resolved', 'closed');--> statement-breakpoint
CREATE TABLE "client_holidays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"day" date NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"client_id" uuid,
	"priority" "ticket_priority" NOT NULL,
	"response_minutes" integer NOT NULL,
	"resolution_minutes" integer NOT NULL,
	"calendar" "sla_calendar" NOT NULL,
	"business_days" smallint[] DEFAULT '{1,2,3,4,5}' NOT NULL,
	"opens_at" text DEFAULT '08:00' NOT NULL,
	"closes_at" text DEFAULT '18:00' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_policies_tenant_id_client_id_priority_key" UNIQUE NULLS NOT DISTINCT("tenant_id","client_id","priority")
);
--> statement-breakpoint
CREATE TABLE "sla_prediction_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"scored" integer NOT NULL,
	"at_risk" integer NOT NULL,
	"alerts_raised" integer NOT NULL,
	"alerts_resolved" integer NOT NULL,
	"scored_by" text NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"from_requester" boolean DEFAULT false NOT NULL,
	"body" text NOT NULL,
	"sentiment" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"from_priority" "ticket_priority" NOT NULL,
	"to_priority" "ticket_priority" NOT NULL,
	"probability" double precision NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_predictions" (
	"ticket_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"probability" double precision NOT NULL,
	"fraction_used" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_status_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"from_status" "ticket_status",
	"to_status" "ticket_status" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"number" bigserial NOT NULL,
	"client_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"requester" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"priority" "ticket_priority" NOT NULL,
	"status" "ticket_status" DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"idempotency_key" text,
	"first_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"reopened_count" integer DEFAULT 0 NOT NULL,
	"policy_id" uuid,
	"response_due_at" timestamp with time zone,
	"resolution_due_at" timestamp with time zone,
	"paused_since" timestamp with time zone,
	"pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"resolution_target_minutes" integer,
	"resolution_used_minutes" integer,
	"response_breached" boolean DEFAULT false NOT NULL,
	"resolution_breached" boolean DEFAULT false NOT NULL,
	"breach_probability" double precision,
	"risk_factors" jsonb,
	"scored_by" text,
	"predicted_at" timestamp with time zone,
	"recent_sentiment" double precision,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_holidays" ADD CONSTRAINT "client_holidays_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_holidays" ADD CONSTRAINT "client_holidays_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_prediction_runs" ADD CONSTRAINT "sla_prediction_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_escalations" ADD CONSTRAINT "ticket_escalations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_escalations" ADD CONSTRAINT "ticket_escalations_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_predictions" ADD CONSTRAINT "ticket_predictions_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_predictions" ADD CONSTRAINT "ticket_predictions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_status_changes" ADD CONSTRAINT "ticket_status_changes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_status_changes" ADD CONSTRAINT "ticket_status_changes_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_policy_id_sla_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."sla_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "client_holidays_client_id_day_idx" ON "client_holidays" USING btree ("client_id","day");--> statement-breakpoint
CREATE INDEX "client_holidays_tenant_id_idx" ON "client_holidays" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "sla_prediction_runs_tenant_id_run_at_idx" ON "sla_prediction_runs" USING btree ("tenant_id","run_at");--> statement-breakpoint
CREATE INDEX "ticket_comments_ticket_id_idx" ON "ticket_comments" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "ticket_comments_tenant_id_idx" ON "ticket_comments" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_escalations_ticket_id_level_idx" ON "ticket_escalations" USING btree ("ticket_id","level");--> statement-breakpoint
CREATE INDEX "ticket_escalations_tenant_id_at_idx" ON "ticket_escalations" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE INDEX "ticket_predictions_ticket_id_run_at_idx" ON "ticket_predictions" USING btree ("ticket_id","run_at");--> statement-breakpoint
CREATE INDEX "ticket_predictions_tenant_id_run_at_idx" ON "ticket_predictions" USING btree ("tenant_id","run_at");--> statement-breakpoint
CREATE INDEX "ticket_status_changes_ticket_id_idx" ON "ticket_status_changes" USING btree ("ticket_id","at");--> statement-breakpoint
CREATE INDEX "ticket_status_changes_tenant_id_idx" ON "ticket_status_changes" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_tenant_id_number_idx" ON "tickets" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_tenant_id_idempotency_key_idx" ON "tickets" USING btree ("tenant_id","idempotency_key") WHERE "tickets"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "tickets_open_risk_idx" ON "tickets" USING btree ("tenant_id","breach_probability" desc nulls last) WHERE "tickets"."status" in ('open', 'in_progress', 'pending_customer');--> statement-breakpoint
CREATE INDEX "tickets_tenant_id_resolved_at_idx" ON "tickets" USING btree ("tenant_id","resolved_at") WHERE "tickets"."resolved_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_tenant_id_client_id_created_at_idx" ON "tickets" USING btree ("tenant_id","client_id","created_at");--> statement-breakpoint
CREATE INDEX "tickets_assignee_id_open_idx" ON "tickets" USING btree ("assignee_id") WHERE "tickets"."status" in ('open', 'in_progress', 'pending_customer');