-- event-where-iso-time-within-last-days: audience "event_where_iso_time_within_last_days" compiled for duckdb as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Signed Up","where":[{"property":"trial_ends","operator":"within-last-days","value":14}]}}
-- parameters in order: "Signed Up" text, "2024-12-18" text, "2025-01-01" text
SELECT c."customer_id" FROM "model"."customers" AS c WHERE EXISTS (SELECT 1 FROM "model"."events" AS e WHERE e."customer_id" = c."customer_id" AND e."event" = ? AND (json_extract_string(e."properties", '/trial_ends') LIKE '____-__-__%' AND json_extract_string(e."properties", '/trial_ends') >= ? AND json_extract_string(e."properties", '/trial_ends') <= ?))
