ALTER TABLE "ticket_predictions" DROP CONSTRAINT "ticket_predictions_ticket_id_tickets_id_fk";
--> statement-breakpoint
DROP INDEX "ticket_predictions_tenant_id_run_at_idx";--> statement-breakpoint
CREATE INDEX "ticket_predictions_run_at_brin_idx" ON "ticket_predictions" USING brin ("run_at");--> statement-breakpoint
-- The prediction's category history reads these columns of every ticket resolved in 90 days:
-- carried in the index, that read is an index-only scan instead of a scan of the whole table.
-- (drizzle's index builder has no INCLUDE; the schema keeps the same name and key columns.)
DROP INDEX "tickets_tenant_id_resolved_at_idx";--> statement-breakpoint
CREATE INDEX "tickets_tenant_id_resolved_at_idx" ON "tickets" USING btree ("tenant_id","resolved_at") INCLUDE ("category","resolution_used_minutes","resolution_target_minutes") WHERE "tickets"."resolved_at" is not null;
