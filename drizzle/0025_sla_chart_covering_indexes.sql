-- The SLA page's charts and header counts read from these indexes alone (index-only scans)
-- instead of visiting the table's rows: at the --scale large data set that was 2-3 s per chart.
-- (drizzle's index builder has no INCLUDE; the schema keeps the same names and key columns.)
--
-- Tickets resolved in a window: the daily breaches, per-client compliance and calibration
-- charts read the client, site, outcome and id (calibration joins the predictions on it)
-- besides what the prediction's category history already read (0006).
DROP INDEX "tickets_tenant_id_resolved_at_idx";--> statement-breakpoint
CREATE INDEX "tickets_tenant_id_resolved_at_idx" ON "tickets" USING btree ("tenant_id","resolved_at") INCLUDE ("category","resolution_used_minutes","resolution_target_minutes","client_id","site_id","resolution_breached","id") WHERE "tickets"."resolved_at" is not null;--> statement-breakpoint
-- Open tickets: the probability histogram and the header counts (scored, at risk, breached)
-- read the client, site and clock state. The prediction run rewrites these columns together
-- with the probability (already a key of this index), so carrying them costs it no extra
-- index update.
DROP INDEX "tickets_open_risk_idx";--> statement-breakpoint
CREATE INDEX "tickets_open_risk_idx" ON "tickets" USING btree ("tenant_id","breach_probability" desc nulls last) INCLUDE ("client_id","site_id","resolution_breached","paused_since","resolution_due_at") WHERE "tickets"."status" in ('open', 'in_progress', 'pending_customer');--> statement-breakpoint
-- Index-only scans skip the table only for pages the visibility map marks all-visible: the
-- prediction and escalation runs update open tickets all day, and autovacuum's default waits
-- for 20% of the rows to change (440,000 at --scale large), leaving the open tickets' pages
-- unmarked and those scans reading the table after all. Vacuum after 2% instead.
ALTER TABLE "tickets" SET (autovacuum_vacuum_scale_factor = 0.02);
