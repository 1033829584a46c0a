ALTER TABLE "submission_documents" ADD COLUMN "purged_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "stored_files_sha256_idx" ON "stored_files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "submission_documents_assigned_kvnr_idx" ON "submission_documents" USING btree ("assigned_kvnr");--> statement-breakpoint
CREATE INDEX "submissions_created_idx" ON "submissions" USING btree ("created_at");