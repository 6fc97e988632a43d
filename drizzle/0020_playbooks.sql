CREATE TYPE "public"."playbook_approval_decision" AS ENUM('approve', 'reject');--> statement-breakpoint
CREATE TYPE "public"."playbook_run_status" AS ENUM('pending', 'awaiting_approval', 'running', 'succeeded', 'failed', 'rejected', 'cancelled', 'skipped_guardrail');--> statement-breakpoint
CREATE TYPE "public"."playbook_step_kind" AS ENUM('notify', 'assign', 'collect_diagnostics', 'wait_for_condition', 'create_ticket', 'escalate', 'resolve_alert');--> statement-breakpoint
CREATE TYPE "public"."playbook_step_status" AS ENUM('pending', 'running', 'waiting', 'succeeded', 'failed', 'skipped', 'timed_out');--> statement-breakpoint
CREATE TABLE "playbook_approval_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"decision" "playbook_approval_decision" NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "playbook_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"playbook_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"alert_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"status" "playbook_run_status" DEFAULT 'pending' NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"rejected_by" uuid,
	"rejected_at" timestamp with time zone,
	"decided_via" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"current_step" integer,
	"error" text,
	"resolved_alert" boolean DEFAULT false NOT NULL,
	"ticket_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "playbook_step_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"step_index" integer NOT NULL,
	"kind" "playbook_step_kind" NOT NULL,
	"status" "playbook_step_status" DEFAULT 'pending' NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"output" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "playbook_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"playbook_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "playbooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"killed_at" timestamp with time zone,
	"killed_by" uuid,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "playbook_approval_tokens" ADD CONSTRAINT "playbook_approval_tokens_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_approval_tokens" ADD CONSTRAINT "playbook_approval_tokens_run_id_playbook_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."playbook_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_approval_tokens" ADD CONSTRAINT "playbook_approval_tokens_used_by_users_id_fk" FOREIGN KEY ("used_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_playbook_id_playbooks_id_fk" FOREIGN KEY ("playbook_id") REFERENCES "public"."playbooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_version_id_playbook_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."playbook_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_rejected_by_users_id_fk" FOREIGN KEY ("rejected_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_step_results" ADD CONSTRAINT "playbook_step_results_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_step_results" ADD CONSTRAINT "playbook_step_results_run_id_playbook_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."playbook_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_versions" ADD CONSTRAINT "playbook_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_versions" ADD CONSTRAINT "playbook_versions_playbook_id_playbooks_id_fk" FOREIGN KEY ("playbook_id") REFERENCES "public"."playbooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_versions" ADD CONSTRAINT "playbook_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbooks" ADD CONSTRAINT "playbooks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbooks" ADD CONSTRAINT "playbooks_killed_by_users_id_fk" FOREIGN KEY ("killed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbooks" ADD CONSTRAINT "playbooks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbooks" ADD CONSTRAINT "playbooks_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "playbook_approval_tokens_hash_idx" ON "playbook_approval_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "playbook_approval_tokens_run_id_decision_idx" ON "playbook_approval_tokens" USING btree ("run_id","decision");--> statement-breakpoint
CREATE INDEX "playbook_approval_tokens_tenant_id_idx" ON "playbook_approval_tokens" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "playbook_runs_playbook_id_alert_id_idx" ON "playbook_runs" USING btree ("playbook_id","alert_id");--> statement-breakpoint
CREATE INDEX "playbook_runs_tenant_id_playbook_id_created_idx" ON "playbook_runs" USING btree ("tenant_id","playbook_id","created_at");--> statement-breakpoint
CREATE INDEX "playbook_runs_tenant_id_alert_id_idx" ON "playbook_runs" USING btree ("tenant_id","alert_id");--> statement-breakpoint
CREATE INDEX "playbook_runs_playbook_id_site_id_created_idx" ON "playbook_runs" USING btree ("playbook_id","site_id","created_at");--> statement-breakpoint
CREATE INDEX "playbook_runs_tenant_id_active_idx" ON "playbook_runs" USING btree ("tenant_id","status") WHERE "playbook_runs"."status" in ('pending', 'awaiting_approval', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "playbook_step_results_run_id_step_idx" ON "playbook_step_results" USING btree ("run_id","step_index");--> statement-breakpoint
CREATE INDEX "playbook_step_results_tenant_id_idx" ON "playbook_step_results" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "playbook_versions_playbook_id_version_idx" ON "playbook_versions" USING btree ("playbook_id","version");--> statement-breakpoint
CREATE INDEX "playbook_versions_tenant_id_idx" ON "playbook_versions" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "playbooks_tenant_id_name_idx" ON "playbooks" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "playbooks_tenant_id_enabled_idx" ON "playbooks" USING btree ("tenant_id") WHERE "playbooks"."enabled";