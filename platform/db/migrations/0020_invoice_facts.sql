ALTER TABLE "submission_documents" ADD COLUMN "invoice_number" text;--> statement-breakpoint
ALTER TABLE "submission_documents" ADD COLUMN "amount_cents" integer;