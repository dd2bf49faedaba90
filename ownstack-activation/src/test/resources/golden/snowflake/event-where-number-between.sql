-- event-where-number-between: audience "event_where_number_between" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","where":[{"property":"total","operator":"between","value":[10,100]}]}}
-- parameters in order: "Order Completed" text, 10.0 double, 100.0 double
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ? AND (CASE WHEN IS_DOUBLE(GET(e."PROPERTIES", 'total')) THEN TO_DOUBLE(GET(e."PROPERTIES", 'total')) END >= ? AND CASE WHEN IS_DOUBLE(GET(e."PROPERTIES", 'total')) THEN TO_DOUBLE(GET(e."PROPERTIES", 'total')) END <= ?))
