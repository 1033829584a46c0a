CREATE TYPE "public"."callback_status" AS ENUM('open', 'done', 'cancelled');--> statement-breakpoint
CREATE TABLE "callback_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"topic" text NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"preferred_date" date NOT NULL,
	"time_window" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"status" "callback_status" DEFAULT 'open' NOT NULL,
	"conversation_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "callback_requests_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "certificate_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"kvnr" text NOT NULL,
	"for_other" boolean NOT NULL,
	"status" text DEFAULT 'recorded' NOT NULL,
	"conversation_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_requests_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE INDEX "callback_requests_status_date_idx" ON "callback_requests" USING btree ("status","preferred_date");--> statement-breakpoint
CREATE INDEX "certificate_requests_status_idx" ON "certificate_requests" USING btree ("status");