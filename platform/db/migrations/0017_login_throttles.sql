CREATE TABLE "login_throttles" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staff_users" DROP COLUMN "failed_login_count";--> statement-breakpoint
ALTER TABLE "staff_users" DROP COLUMN "locked_until";