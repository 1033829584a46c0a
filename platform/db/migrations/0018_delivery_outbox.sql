CREATE TABLE "document_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "document_deliveries_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tx_id" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"document_id" uuid NOT NULL,
	"target" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"redeliveries" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "intake_channels" ADD COLUMN "scope" text DEFAULT 'intake' NOT NULL;--> statement-breakpoint
ALTER TABLE "document_deliveries" ADD CONSTRAINT "document_deliveries_document_id_submission_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."submission_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "document_deliveries_document_target_idx" ON "document_deliveries" USING btree ("document_id","target");--> statement-breakpoint
CREATE INDEX "document_deliveries_cursor_idx" ON "document_deliveries" USING btree ("target","tx_id","seq");--> statement-breakpoint
CREATE INDEX "document_deliveries_status_idx" ON "document_deliveries" USING btree ("status","created_at");