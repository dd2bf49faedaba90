-- not-of-a-group: audience "not_of_a_group" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"not":{"any":[{"event":"Order Completed"},{"trait":"vip","operator":"equals","value":true}]}}}
-- parameters in order: "Order Completed" text, true boolean
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE NOT COALESCE((EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ?) OR c."VIP" = ?), FALSE)
