-- event-where-not-equals: audience "event_where_not_equals" compiled for redshift as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","where":[{"property":"currency","operator":"not-equals","value":"GBP"}]}}
-- parameters in order: "Order Completed" text, "GBP" text
SELECT c."customer_id" FROM "model"."customers" AS c WHERE EXISTS (SELECT 1 FROM "model"."events" AS e WHERE e."customer_id" = c."customer_id" AND e."event" = ? AND ((JSON_EXTRACT_PATH_TEXT(JSON_SERIALIZE(e."properties"), 'currency') IS NULL OR NOT (JSON_EXTRACT_PATH_TEXT(JSON_SERIALIZE(e."properties"), 'currency') = ?))))
