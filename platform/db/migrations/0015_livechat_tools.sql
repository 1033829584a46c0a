ALTER TYPE "public"."callback_status" ADD VALUE 'scheduled' BEFORE 'done';--> statement-breakpoint
CREATE TABLE "canned_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"shortcut" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canned_responses_shortcut_unique" UNIQUE("shortcut")
);
--> statement-breakpoint
CREATE TABLE "livechat_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"target_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "livechat_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"author_id" uuid,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "callback_requests" ADD COLUMN "scheduled_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "callback_requests" ADD COLUMN "notes" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "callback_requests" ADD COLUMN "handled_by" uuid;--> statement-breakpoint
ALTER TABLE "livechat_sessions" ADD COLUMN "rating_asked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "livechat_sessions" ADD COLUMN "member_read_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "livechat_sessions" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_updated_by_staff_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "livechat_events" ADD CONSTRAINT "livechat_events_session_id_livechat_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."livechat_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "livechat_events" ADD CONSTRAINT "livechat_events_actor_id_staff_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "livechat_events" ADD CONSTRAINT "livechat_events_target_id_staff_users_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "livechat_notes" ADD CONSTRAINT "livechat_notes_session_id_livechat_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."livechat_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "livechat_notes" ADD CONSTRAINT "livechat_notes_author_id_staff_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "livechat_events_session_idx" ON "livechat_events" USING btree ("session_id","at");--> statement-breakpoint
CREATE INDEX "livechat_notes_session_idx" ON "livechat_notes" USING btree ("session_id","created_at");--> statement-breakpoint
ALTER TABLE "callback_requests" ADD CONSTRAINT "callback_requests_handled_by_staff_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "livechat_sessions_conversation_idx" ON "livechat_sessions" USING btree ("conversation_id","requested_at");