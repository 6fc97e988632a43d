CREATE TABLE "scorecard_targets" (
	"tenant_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"kpi" text NOT NULL,
	"target" double precision NOT NULL,
	"red_at" double precision NOT NULL,
	"updated_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scorecard_targets_client_id_kpi_pk" PRIMARY KEY("client_id","kpi")
);
--> statement-breakpoint
CREATE TABLE "scorecards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"month" date NOT NULL,
	"version" integer NOT NULL,
	"kpis" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"overall_rag" text NOT NULL,
	"content_hash" text NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"generated_by" text NOT NULL,
	"superseded_at" timestamp with time zone,
	CONSTRAINT "scorecards_month_first_day" CHECK (extract(day from "scorecards"."month") = 1),
	CONSTRAINT "scorecards_version_positive" CHECK ("scorecards"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "scorecard_targets" ADD CONSTRAINT "scorecard_targets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_targets" ADD CONSTRAINT "scorecard_targets_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecards" ADD CONSTRAINT "scorecards_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecards" ADD CONSTRAINT "scorecards_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scorecard_targets_tenant_id_idx" ON "scorecard_targets" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scorecards_client_id_month_version_idx" ON "scorecards" USING btree ("client_id","month","version");--> statement-breakpoint
CREATE UNIQUE INDEX "scorecards_client_id_month_current_idx" ON "scorecards" USING btree ("client_id","month") WHERE "scorecards"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "scorecards_tenant_id_month_idx" ON "scorecards" USING btree ("tenant_id","month");