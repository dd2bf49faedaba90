-- event-count-exactly-zero: audience "event_count_exactly_zero" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Product Viewed","count":{"operator":"exactly","value":0}}}
-- parameters in order: "Product Viewed" text
SELECT c."customer_id" FROM "model"."customers" AS c WHERE NOT EXISTS (SELECT 1 FROM "model"."events" AS e WHERE e."customer_id" = c."customer_id" AND e."event" = ?)
