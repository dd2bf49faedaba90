-- event-where-iso-time-within-last-days: audience "event_where_iso_time_within_last_days" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Signed Up","where":[{"property":"trial_ends","operator":"within-last-days","value":14}]}}
-- parameters in order: "Signed Up" text, "2024-12-18" text, "2025-01-01" text
SELECT c."customer_id" FROM "model"."customers" AS c WHERE EXISTS (SELECT 1 FROM "model"."events" AS e WHERE e."customer_id" = c."customer_id" AND e."event" = ? AND ((CAST(e."properties" AS JSONB) #>> ARRAY['trial_ends']::TEXT[]) LIKE '____-__-__%' AND (CAST(e."properties" AS JSONB) #>> ARRAY['trial_ends']::TEXT[]) >= ? AND (CAST(e."properties" AS JSONB) #>> ARRAY['trial_ends']::TEXT[]) <= ?))
