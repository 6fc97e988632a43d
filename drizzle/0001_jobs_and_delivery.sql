CREATE TYPE "public"."job_run_mode" AS ENUM('embedded', 'inngest');--> statement-breakpoint
CREATE TYPE "public"."job_run_status" AS ENUM('queued', 'running', 'sleeping', 'waiting', 'completed', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."job_run_trigger" AS ENUM('cron', 'event', 'manual');--> statement-breakpoint
CREATE TABLE "job_cron_ticks" (
	"function_id" text NOT NULL,
	"tick_at" timestamp with time zone NOT NULL,
	"run_id" text,
	CONSTRAINT "job_cron_ticks_function_id_tick_at_pk" PRIMARY KEY("function_id","tick_at")
);
--> statement-breakpoint
CREATE TABLE "job_events" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ts" timestamp with time zone DEFAULT now() NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_functions" (
	"id" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"name" text NOT NULL,
	"triggers" jsonb NOT NULL,
	"url" text NOT NULL,
	"retries" integer DEFAULT 3 NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_run_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"step_id" text NOT NULL,
	"name" text NOT NULL,
	"op" text NOT NULL,
	"status" text NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"mode" "job_run_mode" NOT NULL,
	"tenant_id" uuid,
	"function_id" text NOT NULL,
	"trigger" "job_run_trigger" NOT NULL,
	"trigger_detail" text NOT NULL,
	"event_id" text,
	"event" jsonb NOT NULL,
	"status" "job_run_status" DEFAULT 'queued' NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 4 NOT NULL,
	"steps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"stack" text[] DEFAULT '{}' NOT NULL,
	"wake_at" timestamp with time zone,
	"pending" jsonb,
	"next_step_id" text DEFAULT 'step' NOT NULL,
	"result" jsonb,
	"summary" text,
	"error" text,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "delivered_via" text;--> statement-breakpoint
ALTER TABLE "job_run_steps" ADD CONSTRAINT "job_run_steps_run_id_job_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."job_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_events_name_received_at_idx" ON "job_events" USING btree ("name","received_at");--> statement-breakpoint
CREATE INDEX "job_run_steps_run_id_idx" ON "job_run_steps" USING btree ("run_id","id");--> statement-breakpoint
CREATE INDEX "job_runs_function_id_started_at_idx" ON "job_runs" USING btree ("function_id","started_at");--> statement-breakpoint
CREATE INDEX "job_runs_started_at_idx" ON "job_runs" USING btree ("started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_function_id_event_id_idx" ON "job_runs" USING btree ("function_id","event_id");--> statement-breakpoint
CREATE INDEX "job_runs_waiting_idx" ON "job_runs" USING btree (("pending"->>'event')) WHERE "job_runs"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "job_runs_due_idx" ON "job_runs" USING btree ("wake_at") WHERE "job_runs"."status" in ('queued', 'running', 'sleeping', 'waiting');