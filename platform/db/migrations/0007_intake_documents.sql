CREATE TYPE "public"."document_status" AS ENUM('scan', 'ocr', 'classify', 'assign', 'route', 'routed', 'awaiting_review', 'quarantined', 'rejected');--> statement-breakpoint
ALTER TABLE "stored_files" ADD COLUMN "quarantined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "submission_documents" ADD COLUMN "status" "document_status" DEFAULT 'scan' NOT NULL;--> statement-breakpoint
ALTER TABLE "submission_documents" ADD COLUMN "status_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "submission_documents" ADD COLUMN "scanned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "submission_documents" ADD COLUMN "scan_findings" jsonb;--> statement-breakpoint
ALTER TABLE "submission_documents" ADD COLUMN "document_type" text;--> statement-breakpoint
ALTER TABLE "submission_documents" ADD COLUMN "type_confidence" real;--> statement-breakpoint
ALTER TABLE "submission_documents" ADD COLUMN "assigned_kvnr" text;--> statement-breakpoint
ALTER TABLE "submission_documents" ADD COLUMN "assignment_confidence" real;--> statement-breakpoint
ALTER TABLE "submission_documents" ADD COLUMN "reasons" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "submission_documents" ADD COLUMN "last_error" text;--> statement-breakpoint
CREATE INDEX "submission_documents_status_idx" ON "submission_documents" USING btree ("status","status_changed_at");