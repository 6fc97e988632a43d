ALTER TABLE "job_functions" ADD COLUMN "concurrency" jsonb;--> statement-breakpoint
ALTER TABLE "job_runs" ADD COLUMN "concurrency" jsonb;--> statement-breakpoint
CREATE INDEX "job_runs_concurrency_leased_idx" ON "job_runs" USING btree ("lease_expires_at") WHERE "job_runs"."concurrency" is not null and "job_runs"."lease_expires_at" is not null;