ALTER TABLE "telemetry_hourly" DROP CONSTRAINT "telemetry_hourly_tenant_id_tenants_id_fk";
