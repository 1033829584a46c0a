CREATE TABLE "einmal_pins" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kvnr" text NOT NULL,
	"purpose" text NOT NULL,
	"pin_hash" text NOT NULL,
	"letter_date" date NOT NULL,
	"issued_by" text NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_at" timestamp with time zone,
	"spent_at" timestamp with time zone,
	"draft" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "einmal_pins" ADD CONSTRAINT "einmal_pins_kvnr_members_kvnr_fk" FOREIGN KEY ("kvnr") REFERENCES "public"."members"("kvnr") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "einmal_pins_kvnr_idx" ON "einmal_pins" USING btree ("kvnr");