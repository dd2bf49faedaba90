-- transactions-sum: audience "transactions_sum" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"transactions":"sum","of":"amount","operator":"greater","value":500,"type":"order"}}
-- parameters in order: "order" text, 500 decimal
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE c."CUSTOMER_ID" IN (SELECT t."CUSTOMER_ID" FROM "MODEL"."TRANSACTIONS" AS t WHERE t."CUSTOMER_ID" IS NOT NULL AND t."TYPE" IN (?) GROUP BY t."CUSTOMER_ID" HAVING COALESCE(sum(t."AMOUNT"), 0) > ?)
