-- event-where-number: audience "event_where_number" compiled for duckdb as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","where":[{"property":"total","operator":"greater","value":50}]}}
-- parameters in order: "Order Completed" text, 50.0 double
SELECT c."customer_id" FROM "model"."customers" AS c WHERE EXISTS (SELECT 1 FROM "model"."events" AS e WHERE e."customer_id" = c."customer_id" AND e."event" = ? AND (CASE WHEN json_type(e."properties", '/total') IN ('BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE') THEN CAST(json_extract_string(e."properties", '/total') AS DOUBLE) END > ?))
