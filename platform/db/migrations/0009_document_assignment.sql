ALTER TABLE "submission_documents" ADD COLUMN "suggested_kvnr" text;--> statement-breakpoint
ALTER TABLE "submission_documents" ADD COLUMN "department" text;