CREATE TABLE "document_pages" (
	"document_id" uuid NOT NULL,
	"page" integer NOT NULL,
	"text" text NOT NULL,
	"confidence" real NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "document_pages_document_id_page_pk" PRIMARY KEY("document_id","page")
);
--> statement-breakpoint
ALTER TABLE "document_pages" ADD CONSTRAINT "document_pages_document_id_submission_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."submission_documents"("id") ON DELETE no action ON UPDATE no action;