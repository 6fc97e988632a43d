ALTER TYPE "public"."notification_status" ADD VALUE 'held';--> statement-breakpoint
CREATE TABLE "notification_keys" (
	"tenant_id" uuid NOT NULL,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_keys_tenant_id_dedupe_key_pk" PRIMARY KEY("tenant_id","dedupe_key")
);
--> statement-breakpoint
DROP INDEX "notifications_user_id_created_at_idx";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "kind" text DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "group_key" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "count" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "latest_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "notification_prefs" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_digest" text DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_keys" ADD CONSTRAINT "notification_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_user_id_latest_at_idx" ON "notifications" USING btree ("user_id","latest_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_user_id_group_key_unread_idx" ON "notifications" USING btree ("user_id","group_key") WHERE "notifications"."channel" = 'in_app' and "notifications"."read_at" is null and "notifications"."group_key" is not null;--> statement-breakpoint
-- existing rows: their latest occurrence is their only one, and their in-app keys are used
UPDATE "notifications" SET "latest_at" = "created_at";--> statement-breakpoint
INSERT INTO "notification_keys" ("tenant_id", "dedupe_key", "created_at")
  SELECT "tenant_id", "dedupe_key", "created_at" FROM "notifications" WHERE "channel" = 'in_app'
  ON CONFLICT DO NOTHING;
