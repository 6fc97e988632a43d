CREATE TABLE "device_window_marks" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"window_end" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_windows" (
	"device_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"up24" double precision NOT NULL,
	"up6" double precision NOT NULL,
	"b_n" integer NOT NULL,
	"b_x" double precision NOT NULL,
	"b_xx" double precision NOT NULL,
	"b_y" double precision NOT NULL,
	"b_xy" double precision NOT NULL,
	"s_n" integer NOT NULL,
	"s_x" double precision NOT NULL,
	"s_xx" double precision NOT NULL,
	"s_y" double precision NOT NULL,
	"s_xy" double precision NOT NULL,
	"s_raw_n" integer NOT NULL,
	"s_raw_sum" double precision NOT NULL,
	"s_raw_sq" double precision NOT NULL,
	"temp_n" integer NOT NULL,
	"temp_out" integer NOT NULL,
	"temp_jump" real,
	"temp_jump_at" timestamp with time zone,
	"reboots_max" integer,
	"reboots_max_at" timestamp with time zone,
	"reboots_min" integer,
	"reboots_min_at" timestamp with time zone,
	"reboots_last_hour" integer
);
--> statement-breakpoint
ALTER TABLE "device_window_marks" ADD CONSTRAINT "device_window_marks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_windows" ADD CONSTRAINT "device_windows_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_windows_tenant_id_idx" ON "device_windows" USING btree ("tenant_id");--> statement-breakpoint
-- Hand-written: the hourly run rewrites every row of a tenant's windows; room on each page
-- keeps those updates HOT (no index entry written).
ALTER TABLE "device_windows" SET (fillfactor = 50);
