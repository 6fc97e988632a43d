ALTER TABLE "sites" ADD COLUMN "phone" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_log_tenant_id_id_idx" ON "audit_log" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_id_actor_id_idx" ON "audit_log" USING btree ("tenant_id","actor_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_id_type_action_id_idx" ON "audit_log" USING btree ("tenant_id","entity_type","action","id");--> statement-breakpoint
CREATE INDEX "tickets_open_due_idx" ON "tickets" USING btree ("tenant_id","resolution_due_at") WHERE "tickets"."status" in ('open', 'in_progress', 'pending_customer');--> statement-breakpoint
CREATE INDEX "tickets_open_priority_due_idx" ON "tickets" USING btree ("tenant_id","priority","resolution_due_at") WHERE "tickets"."status" in ('open', 'in_progress', 'pending_customer');