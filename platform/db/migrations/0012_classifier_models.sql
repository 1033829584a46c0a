CREATE TABLE "classifier_models" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL,
	"shipped_examples" integer NOT NULL,
	"clerk_examples" integer NOT NULL,
	"model" text NOT NULL
);
