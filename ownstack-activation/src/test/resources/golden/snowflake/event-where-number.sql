-- event-where-number: audience "event_where_number" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","where":[{"property":"total","operator":"greater","value":50}]}}
-- parameters in order: "Order Completed" text, 50.0 double
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ? AND (CASE WHEN IS_DOUBLE(GET(e."PROPERTIES", 'total')) THEN TO_DOUBLE(GET(e."PROPERTIES", 'total')) END > ?))
