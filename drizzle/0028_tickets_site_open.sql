-- A site's open tickets, newest first (a playbook's collect-diagnostics step): on the large set the
-- query walked the tenant's open tickets by creation time and filtered the site, 25 ms a call.
CREATE INDEX "tickets_tenant_id_site_id_open_idx" ON "tickets" USING btree ("tenant_id","site_id","created_at") WHERE "tickets"."status" in ('open', 'in_progress', 'pending_customer');