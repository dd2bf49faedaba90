-- event-where-is-set: audience "event_where_is_set" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","where":[{"property":"coupon","operator":"is-set"}]}}
-- parameters in order: "Order Completed" text
SELECT c."customer_id" FROM "model"."customers" AS c WHERE EXISTS (SELECT 1 FROM "model"."events" AS e WHERE e."customer_id" = c."customer_id" AND e."event" = ? AND ((CAST(e."properties" AS JSONB) #>> ARRAY['coupon']::TEXT[]) IS NOT NULL))
