DROP INDEX "job_runs_due_idx";--> statement-breakpoint
ALTER TABLE "job_functions" ADD COLUMN "priority" text;--> statement-breakpoint
ALTER TABLE "job_runs" ADD COLUMN "priority" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "job_runs_due_idx" ON "job_runs" USING btree ("priority" desc,"wake_at") WHERE "job_runs"."status" in ('queued', 'running', 'sleeping', 'waiting');