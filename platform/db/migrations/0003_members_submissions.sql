CREATE TYPE "public"."submission_status" AS ENUM('received', 'checking', 'processed', 'needs_attention');--> statement-breakpoint
CREATE TABLE "members" (
	"kvnr" text PRIMARY KEY NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"street" text NOT NULL,
	"postal_code" text NOT NULL,
	"city" text NOT NULL,
	"card_number_last6" text NOT NULL,
	"family_of" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "submission_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"submission_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"page_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tracking_id" text NOT NULL,
	"source" text NOT NULL,
	"kvnr" text,
	"declared_type" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" text,
	"status" "submission_status" DEFAULT 'received' NOT NULL,
	"conversation_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submissions_tracking_id_unique" UNIQUE("tracking_id")
);
--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_family_of_members_kvnr_fk" FOREIGN KEY ("family_of") REFERENCES "public"."members"("kvnr") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_documents" ADD CONSTRAINT "submission_documents_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_documents" ADD CONSTRAINT "submission_documents_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "members_family_of_idx" ON "members" USING btree ("family_of");--> statement-breakpoint
CREATE INDEX "submission_documents_submission_idx" ON "submission_documents" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "submission_documents_file_idx" ON "submission_documents" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "submissions_kvnr_idx" ON "submissions" USING btree ("kvnr");