-- event-where-is-not-set: audience "event_where_is_not_set" compiled for duckdb as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","where":[{"property":"coupon","operator":"is-not-set"}]}}
-- parameters in order: "Order Completed" text
SELECT c."customer_id" FROM "model"."customers" AS c WHERE EXISTS (SELECT 1 FROM "model"."events" AS e WHERE e."customer_id" = c."customer_id" AND e."event" = ? AND (json_extract_string(e."properties", '/coupon') IS NULL))
