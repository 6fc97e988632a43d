CREATE TYPE "public"."attendance_kind" AS ENUM('check_in', 'check_out');--> statement-breakpoint
CREATE TYPE "public"."attendance_method" AS ENUM('app', 'nfc', 'qr', 'manual');--> statement-breakpoint
CREATE TYPE "public"."finding_kind" AS ENUM('LATE', 'NO_SHOW', 'WRONG_SITE', 'MISSED_CHECKPOINT');--> statement-breakpoint
CREATE TYPE "public"."location_verdict" AS ENUM('on_site', 'uncertain', 'wrong_site', 'no_fix');--> statement-breakpoint
CREATE TYPE "public"."shift_status" AS ENUM('scheduled', 'cancelled');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'guard';--> statement-breakpoint
ALTER TYPE "public"."alert_type" ADD VALUE 'TOUR_MISSED';--> statement-breakpoint
CREATE TABLE "attendance_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"shift_id" uuid NOT NULL,
	"guard_id" uuid,
	"kind" "attendance_kind" NOT NULL,
	"method" "attendance_method" NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"accuracy_m" double precision,
	"verdict" "location_verdict" NOT NULL,
	"distance_m" integer,
	"matched_site_id" uuid,
	"early_minutes" integer,
	"recorded_by" uuid,
	"api_key_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_events_latitude_range" CHECK ("attendance_events"."latitude" between -90 and 90),
	CONSTRAINT "attendance_events_longitude_range" CHECK ("attendance_events"."longitude" between -180 and 180),
	CONSTRAINT "attendance_events_accuracy_positive" CHECK ("attendance_events"."accuracy_m" >= 0)
);
--> statement-breakpoint
CREATE TABLE "checkpoint_scans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"tour_run_id" uuid NOT NULL,
	"checkpoint_id" uuid NOT NULL,
	"guard_id" uuid,
	"shift_id" uuid,
	"scanned_at" timestamp with time zone NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"accuracy_m" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shift_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"guard_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shift_assignments_order" CHECK ("shift_assignments"."ends_on" is null or "shift_assignments"."ends_on" >= "shift_assignments"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "shift_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"shift_id" uuid,
	"tour_run_id" uuid,
	"checkpoint_id" uuid,
	"kind" "finding_kind" NOT NULL,
	"key" text NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"previous_kind" "finding_kind",
	"alert_id" uuid
);
--> statement-breakpoint
CREATE TABLE "shift_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"name" text NOT NULL,
	"days" integer[] NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shift_templates_days_iso" CHECK (cardinality("shift_templates"."days") between 1 and 7 and "shift_templates"."days" <@ array[1,2,3,4,5,6,7]),
	CONSTRAINT "shift_templates_not_empty" CHECK ("shift_templates"."start_time" <> "shift_templates"."end_time"),
	CONSTRAINT "shift_templates_effective_order" CHECK ("shift_templates"."effective_to" is null or "shift_templates"."effective_to" >= "shift_templates"."effective_from")
);
--> statement-breakpoint
CREATE TABLE "shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"template_id" uuid,
	"guard_id" uuid,
	"local_date" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" "shift_status" DEFAULT 'scheduled' NOT NULL,
	"confirmed_at" timestamp with time zone,
	"excused_at" timestamp with time zone,
	"excused_by" uuid,
	"excuse_reason" text,
	"checked_in_at" timestamp with time zone,
	"check_in_verdict" "location_verdict",
	"check_in_distance_m" integer,
	"checked_out_at" timestamp with time zone,
	"last_verdict" "location_verdict",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shifts_ends_after_start" CHECK ("shifts"."ends_at" > "shifts"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "tour_checkpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"tour_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"tolerance_minutes" integer DEFAULT 30 NOT NULL,
	"token" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tour_checkpoints_tolerance_range" CHECK ("tour_checkpoints"."tolerance_minutes" between 1 and 1440)
);
--> statement-breakpoint
CREATE TABLE "tour_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"tour_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"cancelled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"name" text NOT NULL,
	"critical" boolean DEFAULT false NOT NULL,
	"days" integer[] NOT NULL,
	"window_start" time NOT NULL,
	"window_end" time NOT NULL,
	"every_minutes" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tours_days_iso" CHECK (cardinality("tours"."days") between 1 and 7 and "tours"."days" <@ array[1,2,3,4,5,6,7]),
	CONSTRAINT "tours_every_range" CHECK ("tours"."every_minutes" between 10 and 1440)
);
--> statement-breakpoint
ALTER TABLE "attendance_events" ADD CONSTRAINT "attendance_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_events" ADD CONSTRAINT "attendance_events_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_scans" ADD CONSTRAINT "checkpoint_scans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_scans" ADD CONSTRAINT "checkpoint_scans_tour_run_id_tour_runs_id_fk" FOREIGN KEY ("tour_run_id") REFERENCES "public"."tour_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_scans" ADD CONSTRAINT "checkpoint_scans_checkpoint_id_tour_checkpoints_id_fk" FOREIGN KEY ("checkpoint_id") REFERENCES "public"."tour_checkpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_scans" ADD CONSTRAINT "checkpoint_scans_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_assignments" ADD CONSTRAINT "shift_assignments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_assignments" ADD CONSTRAINT "shift_assignments_template_id_shift_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."shift_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_findings" ADD CONSTRAINT "shift_findings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_findings" ADD CONSTRAINT "shift_findings_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_findings" ADD CONSTRAINT "shift_findings_tour_run_id_tour_runs_id_fk" FOREIGN KEY ("tour_run_id") REFERENCES "public"."tour_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_templates" ADD CONSTRAINT "shift_templates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_templates" ADD CONSTRAINT "shift_templates_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_templates" ADD CONSTRAINT "shift_templates_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tour_checkpoints" ADD CONSTRAINT "tour_checkpoints_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tour_checkpoints" ADD CONSTRAINT "tour_checkpoints_tour_id_tours_id_fk" FOREIGN KEY ("tour_id") REFERENCES "public"."tours"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tour_runs" ADD CONSTRAINT "tour_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tour_runs" ADD CONSTRAINT "tour_runs_tour_id_tours_id_fk" FOREIGN KEY ("tour_id") REFERENCES "public"."tours"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tours" ADD CONSTRAINT "tours_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tours" ADD CONSTRAINT "tours_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_events_shift_id_at_idx" ON "attendance_events" USING btree ("shift_id","at");--> statement-breakpoint
CREATE INDEX "attendance_events_tenant_id_guard_id_at_idx" ON "attendance_events" USING btree ("tenant_id","guard_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "checkpoint_scans_run_checkpoint_idx" ON "checkpoint_scans" USING btree ("tour_run_id","checkpoint_id");--> statement-breakpoint
CREATE INDEX "checkpoint_scans_tenant_id_scanned_at_idx" ON "checkpoint_scans" USING btree ("tenant_id","scanned_at");--> statement-breakpoint
CREATE INDEX "checkpoint_scans_checkpoint_id_idx" ON "checkpoint_scans" USING btree ("checkpoint_id");--> statement-breakpoint
CREATE INDEX "checkpoint_scans_shift_id_idx" ON "checkpoint_scans" USING btree ("shift_id");--> statement-breakpoint
CREATE UNIQUE INDEX "posts_site_id_name_idx" ON "posts" USING btree ("site_id","name");--> statement-breakpoint
CREATE INDEX "posts_tenant_id_site_id_idx" ON "posts" USING btree ("tenant_id","site_id");--> statement-breakpoint
CREATE INDEX "shift_assignments_template_id_starts_on_idx" ON "shift_assignments" USING btree ("template_id","starts_on");--> statement-breakpoint
CREATE INDEX "shift_assignments_tenant_id_guard_id_idx" ON "shift_assignments" USING btree ("tenant_id","guard_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shift_findings_tenant_id_key_idx" ON "shift_findings" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE INDEX "shift_findings_tenant_id_site_id_detected_at_idx" ON "shift_findings" USING btree ("tenant_id","site_id","detected_at");--> statement-breakpoint
CREATE INDEX "shift_findings_shift_id_idx" ON "shift_findings" USING btree ("shift_id");--> statement-breakpoint
CREATE INDEX "shift_findings_tour_run_id_idx" ON "shift_findings" USING btree ("tour_run_id");--> statement-breakpoint
CREATE INDEX "shift_templates_tenant_id_site_id_idx" ON "shift_templates" USING btree ("tenant_id","site_id");--> statement-breakpoint
CREATE INDEX "shift_templates_post_id_idx" ON "shift_templates" USING btree ("post_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shifts_template_id_local_date_idx" ON "shifts" USING btree ("template_id","local_date");--> statement-breakpoint
CREATE INDEX "shifts_site_id_starts_at_idx" ON "shifts" USING btree ("site_id","starts_at");--> statement-breakpoint
CREATE INDEX "shifts_guard_id_starts_at_idx" ON "shifts" USING btree ("guard_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tour_checkpoints_token_idx" ON "tour_checkpoints" USING btree ("token");--> statement-breakpoint
CREATE INDEX "tour_checkpoints_tour_id_seq_idx" ON "tour_checkpoints" USING btree ("tour_id","seq");--> statement-breakpoint
CREATE INDEX "tour_checkpoints_tenant_id_idx" ON "tour_checkpoints" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tour_runs_tour_id_starts_at_idx" ON "tour_runs" USING btree ("tour_id","starts_at");--> statement-breakpoint
CREATE INDEX "tour_runs_tenant_id_site_id_starts_at_idx" ON "tour_runs" USING btree ("tenant_id","site_id","starts_at");--> statement-breakpoint
CREATE INDEX "tour_runs_tenant_id_starts_at_idx" ON "tour_runs" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE INDEX "tours_tenant_id_site_id_idx" ON "tours" USING btree ("tenant_id","site_id");