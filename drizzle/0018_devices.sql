CREATE TYPE "public"."device_kind" AS ENUM('camera', 'access_panel', 'sensor', 'guard_tablet', 'panic_button', 'fire_panel');--> statement-breakpoint
CREATE TYPE "public"."failure_type" AS ENUM('battery', 'connectivity', 'device');--> statement-breakpoint
CREATE TABLE "device_failures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"type" "failure_type" NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"detail" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_health" (
	"device_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"score" smallint,
	"components" jsonb,
	"probability" real,
	"prediction" jsonb,
	"scored_at" timestamp with time zone NOT NULL,
	"signature" text,
	"replacement_reason" text,
	"replacement_since" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "device_health_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"scored" integer NOT NULL,
	"at_risk" integer NOT NULL,
	"offline" integer NOT NULL,
	"alerts_raised" integer NOT NULL,
	"alerts_resolved" integer NOT NULL,
	"scored_by" text NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_scores" (
	"device_id" uuid NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"score" smallint NOT NULL,
	"battery" smallint,
	"signal" smallint,
	"uptime" smallint,
	"temperature" smallint,
	"probability" real NOT NULL,
	"failure_type" "failure_type" NOT NULL,
	CONSTRAINT "device_scores_device_id_run_at_pk" PRIMARY KEY("device_id","run_at")
);
--> statement-breakpoint
CREATE TABLE "device_work_orders" (
	"work_order_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"failure_type" "failure_type" NOT NULL,
	"diagnostics" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"kind" "device_kind" NOT NULL,
	"name" text NOT NULL,
	"model" text DEFAULT '' NOT NULL,
	"serial" text NOT NULL,
	"installed_at" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"api_key_prefix" text,
	"api_key_hash" text,
	"last_seen_at" timestamp with time zone,
	"online" boolean DEFAULT false NOT NULL,
	"offline_since" timestamp with time zone,
	"last_battery" real,
	"last_signal" real,
	"last_temperature" real,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gateway_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by" uuid,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gateway_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
-- Hand-edited: drizzle-kit generated this table unpartitioned; "PARTITION BY RANGE" below is
-- added by hand (Drizzle cannot declare partitions). One partition per UTC day, see the
-- functions at the end of this file.
CREATE TABLE "telemetry" (
	"device_id" uuid NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"battery" real,
	"signal" real,
	"temperature" real,
	"online" boolean DEFAULT true NOT NULL,
	"reboots" integer,
	CONSTRAINT "telemetry_device_id_ts_pk" PRIMARY KEY("device_id","ts")
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
CREATE TABLE "telemetry_hourly" (
	"device_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"tenant_id" uuid NOT NULL,
	"n" integer NOT NULL,
	"online_n" integer NOT NULL,
	"up" real NOT NULL,
	"battery_n" integer NOT NULL,
	"battery_sum" double precision,
	"battery_min" real,
	"battery_max" real,
	"signal_n" integer NOT NULL,
	"signal_sum" double precision,
	"signal_sumsq" double precision,
	"signal_min" real,
	"signal_max" real,
	"temp_n" integer NOT NULL,
	"temp_sum" double precision,
	"temp_min" real,
	"temp_max" real,
	"temp_out" integer NOT NULL,
	"reboots_min" integer,
	"reboots_max" integer,
	CONSTRAINT "telemetry_hourly_device_id_hour_pk" PRIMARY KEY("device_id","hour")
);
--> statement-breakpoint
CREATE TABLE "telemetry_rollup_hours" (
	"tenant_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"dirty" boolean DEFAULT false NOT NULL,
	CONSTRAINT "telemetry_rollup_hours_tenant_id_hour_pk" PRIMARY KEY("tenant_id","hour")
);
--> statement-breakpoint
ALTER TABLE "device_failures" ADD CONSTRAINT "device_failures_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_failures" ADD CONSTRAINT "device_failures_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_health" ADD CONSTRAINT "device_health_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_health" ADD CONSTRAINT "device_health_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_health_runs" ADD CONSTRAINT "device_health_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_work_orders" ADD CONSTRAINT "device_work_orders_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_work_orders" ADD CONSTRAINT "device_work_orders_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_work_orders" ADD CONSTRAINT "device_work_orders_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_keys" ADD CONSTRAINT "gateway_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_keys" ADD CONSTRAINT "gateway_keys_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_keys" ADD CONSTRAINT "gateway_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_hourly" ADD CONSTRAINT "telemetry_hourly_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_rollup_hours" ADD CONSTRAINT "telemetry_rollup_hours_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "device_failures_device_id_type_at_idx" ON "device_failures" USING btree ("device_id","type","at");--> statement-breakpoint
CREATE INDEX "device_failures_tenant_id_at_idx" ON "device_failures" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE INDEX "device_health_tenant_id_score_idx" ON "device_health" USING btree ("tenant_id","score");--> statement-breakpoint
CREATE INDEX "device_health_runs_tenant_id_run_at_idx" ON "device_health_runs" USING btree ("tenant_id","run_at");--> statement-breakpoint
CREATE INDEX "device_scores_run_at_brin_idx" ON "device_scores" USING brin ("run_at");--> statement-breakpoint
CREATE INDEX "device_work_orders_device_id_idx" ON "device_work_orders" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "device_work_orders_tenant_id_idx" ON "device_work_orders" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_tenant_id_serial_idx" ON "devices" USING btree ("tenant_id","serial");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_api_key_hash_idx" ON "devices" USING btree ("api_key_hash") WHERE "devices"."api_key_hash" is not null;--> statement-breakpoint
CREATE INDEX "devices_tenant_id_site_id_idx" ON "devices" USING btree ("tenant_id","site_id");--> statement-breakpoint
CREATE INDEX "devices_tenant_id_client_id_idx" ON "devices" USING btree ("tenant_id","client_id");--> statement-breakpoint
CREATE INDEX "gateway_keys_tenant_id_site_id_idx" ON "gateway_keys" USING btree ("tenant_id","site_id");--> statement-breakpoint
CREATE INDEX "telemetry_ts_brin_idx" ON "telemetry" USING brin ("ts");--> statement-breakpoint
CREATE INDEX "telemetry_hourly_tenant_id_hour_idx" ON "telemetry_hourly" USING btree ("tenant_id","hour");--> statement-breakpoint
CREATE INDEX "telemetry_hourly_hour_brin_idx" ON "telemetry_hourly" USING brin ("hour");--> statement-breakpoint
CREATE INDEX "alerts_tenant_id_device_id_idx" ON "alerts" USING btree ("tenant_id","device_id","first_seen_at") WHERE "alerts"."device_id" is not null;--> statement-breakpoint
-- Hand-written: ingestion rewrites a device's row with every batch; room on its page keeps
-- those updates HOT (no index entry written).
ALTER TABLE "devices" SET (fillfactor = 70);--> statement-breakpoint
-- Hand-written (Drizzle cannot declare partitions): one partition of telemetry per UTC day,
-- created ahead by the daily maintenance function and by ingestion when a reading's day has none.
-- Serialised by an advisory lock, so two callers never race to create the same day.
CREATE FUNCTION "telemetry_ensure_partitions"("from_ts" timestamptz, "to_ts" timestamptz) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	d date := (from_ts AT TIME ZONE 'UTC')::date;
	last_day date := (to_ts AT TIME ZONE 'UTC')::date;
	name text;
	created integer := 0;
BEGIN
	IF last_day - d > 400 THEN
		RAISE EXCEPTION 'telemetry_ensure_partitions: % days at once is more than 400', last_day - d;
	END IF;
	PERFORM pg_advisory_xact_lock(7226311);
	WHILE d <= last_day LOOP
		name := 'telemetry_p' || to_char(d, 'YYYYMMDD');
		IF to_regclass(quote_ident(name)) IS NULL THEN
			EXECUTE format(
				'CREATE TABLE %I PARTITION OF "telemetry" FOR VALUES FROM (%L) TO (%L)',
				name, (d::timestamp AT TIME ZONE 'UTC'), ((d + 1)::timestamp AT TIME ZONE 'UTC'));
			created := created + 1;
		END IF;
		d := d + 1;
	END LOOP;
	RETURN created;
END $$;--> statement-breakpoint
-- Drops the partitions whose whole day ends at or before the instant; returns their names.
CREATE FUNCTION "telemetry_drop_partitions_before"("before_ts" timestamptz) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
	p record;
BEGIN
	PERFORM pg_advisory_xact_lock(7226311);
	FOR p IN
		SELECT c.relname
		FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
		WHERE i.inhparent = '"telemetry"'::regclass AND c.relname ~ '^telemetry_p[0-9]{8}$'
			AND (to_date(substr(c.relname, 12), 'YYYYMMDD') + 1)::timestamp AT TIME ZONE 'UTC' <= before_ts
		ORDER BY c.relname
	LOOP
		EXECUTE format('DROP TABLE %I', p.relname);
		RETURN NEXT p.relname;
	END LOOP;
END $$;--> statement-breakpoint
SELECT "telemetry_ensure_partitions"(now() - interval '31 days', now() + interval '3 days');
