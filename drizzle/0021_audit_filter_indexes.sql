CREATE INDEX "audit_log_tenant_id_id_idx" ON "audit_log" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_id_actor_id_idx" ON "audit_log" USING btree ("tenant_id","actor_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_id_type_action_id_idx" ON "audit_log" USING btree ("tenant_id","entity_type","action","id");