-- event-not-performed-within-days-with-filter: audience "event_not_performed_within_days_with_filter" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","performed":false,"where":[{"property":"total","operator":"greater-or-equal","value":100}],"within-days":90}}
-- parameters in order: "Order Completed" text, 2024-10-03T00:00 timestamp, 2025-01-01T00:00 timestamp, 100.0 double
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE NOT (EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ? AND e."TIMESTAMP" >= ? AND e."TIMESTAMP" <= ? AND (CASE WHEN IS_DOUBLE(GET(e."PROPERTIES", 'total')) THEN TO_DOUBLE(GET(e."PROPERTIES", 'total')) END >= ?)))
