CREATE TABLE "intake_channels" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "intake_channels_name_unique" UNIQUE("name"),
	CONSTRAINT "intake_channels_key_hash_unique" UNIQUE("key_hash")
);
