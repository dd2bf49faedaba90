-- all: audience "all" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"all":[{"trait":"country","operator":"in","value":["GB","IE"]},{"event":"Order Completed"},{"transactions":"sum","of":"amount","operator":"greater","value":100}]}}
-- parameters in order: "GB" text, "IE" text, "Order Completed" text, 100 decimal
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE (c."COUNTRY" IN (?, ?) AND EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ?) AND c."CUSTOMER_ID" IN (SELECT t."CUSTOMER_ID" FROM "MODEL"."TRANSACTIONS" AS t WHERE t."CUSTOMER_ID" IS NOT NULL GROUP BY t."CUSTOMER_ID" HAVING COALESCE(sum(t."AMOUNT"), 0) > ?))
