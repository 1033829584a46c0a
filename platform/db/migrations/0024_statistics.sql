CREATE TABLE "bot_daily_outcomes" (
	"day" date NOT NULL,
	"outcome" text NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "bot_daily_outcomes_day_outcome_pk" PRIMARY KEY("day","outcome")
);
--> statement-breakpoint
ALTER TABLE "submission_documents" ADD COLUMN "review_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "submission_documents" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "submission_documents_created_idx" ON "submission_documents" USING btree ("created_at");--> statement-breakpoint
-- Documents waiting for a clerk today went to review when their status last changed.
UPDATE "submission_documents" SET "review_requested_at" = "status_changed_at" WHERE "status" = 'awaiting_review';
