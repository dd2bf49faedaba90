-- event-where-starts-with: audience "event_where_starts_with" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Product Viewed","where":[{"property":"sku","operator":"starts-with","value":"A_"}]}}
-- parameters in order: "Product Viewed" text, "A\\_%" text
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ? AND (CAST(STRIP_NULL_VALUE(GET(e."PROPERTIES", 'sku')) AS VARCHAR) LIKE ? ESCAPE '\\'))
