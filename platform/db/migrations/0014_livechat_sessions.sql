CREATE TYPE "public"."livechat_status" AS ENUM('waiting', 'active', 'ended', 'cancelled');--> statement-breakpoint
CREATE TABLE "livechat_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"status" "livechat_status" DEFAULT 'waiting' NOT NULL,
	"topic" text NOT NULL,
	"summary" jsonb NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_by" uuid,
	"accepted_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"rating" integer
);
--> statement-breakpoint
ALTER TABLE "livechat_sessions" ADD CONSTRAINT "livechat_sessions_conversation_id_chat_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."chat_conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "livechat_sessions" ADD CONSTRAINT "livechat_sessions_accepted_by_staff_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "livechat_sessions_open_idx" ON "livechat_sessions" USING btree ("conversation_id") WHERE "livechat_sessions"."status" in ('waiting', 'active');--> statement-breakpoint
CREATE INDEX "livechat_sessions_status_idx" ON "livechat_sessions" USING btree ("status","requested_at");