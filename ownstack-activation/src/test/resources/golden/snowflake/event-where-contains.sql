-- event-where-contains: audience "event_where_contains" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","where":[{"property":"coupon","operator":"contains","value":"%OFF"}]}}
-- parameters in order: "Order Completed" text, "%\\%OFF%" text
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ? AND (CAST(STRIP_NULL_VALUE(GET(e."PROPERTIES", 'coupon')) AS VARCHAR) LIKE ? ESCAPE '\\'))
