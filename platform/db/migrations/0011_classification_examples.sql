CREATE TABLE "classification_examples" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid,
	"text" text NOT NULL,
	"document_type" text NOT NULL,
	"corrected" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "classification_examples" ADD CONSTRAINT "classification_examples_document_id_submission_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."submission_documents"("id") ON DELETE no action ON UPDATE no action;