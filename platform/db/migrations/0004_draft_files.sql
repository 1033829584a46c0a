CREATE TABLE "draft_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"draft_key" text NOT NULL,
	"file_id" uuid NOT NULL,
	"page_count" integer NOT NULL,
	"downscaled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "draft_files" ADD CONSTRAINT "draft_files_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draft_files_key_idx" ON "draft_files" USING btree ("draft_key");--> statement-breakpoint
CREATE INDEX "draft_files_created_idx" ON "draft_files" USING btree ("created_at");