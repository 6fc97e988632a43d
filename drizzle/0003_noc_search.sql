CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "alerts_open_search_idx" ON "alerts" USING gin (("title" || ' ' || "description") gin_trgm_ops) WHERE "alerts"."status" <> 'resolved';
