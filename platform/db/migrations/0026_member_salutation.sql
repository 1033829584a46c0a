ALTER TABLE "members" ADD COLUMN "salutation" text;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_salutation_check" CHECK ("salutation" IN ('Frau', 'Herr'));
