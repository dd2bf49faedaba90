-- event-where-iso-time-before: audience "event_where_iso_time_before" compiled for duckdb as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Signed Up","where":[{"property":"trial_ends","operator":"before","value":"2025-01-10"}]}}
-- parameters in order: "Signed Up" text, "2025-01-10" text
SELECT c."customer_id" FROM "model"."customers" AS c WHERE EXISTS (SELECT 1 FROM "model"."events" AS e WHERE e."customer_id" = c."customer_id" AND e."event" = ? AND (json_extract_string(e."properties", '/trial_ends') LIKE '____-__-__%' AND json_extract_string(e."properties", '/trial_ends') < ?))
