CREATE TABLE "derived_data_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
