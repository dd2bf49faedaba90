-- event-where-not-equals: audience "event_where_not_equals" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","where":[{"property":"currency","operator":"not-equals","value":"GBP"}]}}
-- parameters in order: "Order Completed" text, "GBP" text
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ? AND ((CAST(STRIP_NULL_VALUE(GET(e."PROPERTIES", 'currency')) AS VARCHAR) IS NULL OR NOT (CAST(STRIP_NULL_VALUE(GET(e."PROPERTIES", 'currency')) AS VARCHAR) = ?))))
