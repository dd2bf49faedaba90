-- not-of-a-group: audience "not_of_a_group" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"not":{"any":[{"event":"Order Completed"},{"trait":"vip","operator":"equals","value":true}]}}}
-- parameters in order: "Order Completed" text, true boolean
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c LEFT JOIN (SELECT DISTINCT e."CUSTOMER_ID" FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" IS NOT NULL AND e."EVENT" = ?) AS m1 ON m1."CUSTOMER_ID" = c."CUSTOMER_ID" WHERE NOT COALESCE((m1."CUSTOMER_ID" IS NOT NULL OR c."VIP" = ?), FALSE)
