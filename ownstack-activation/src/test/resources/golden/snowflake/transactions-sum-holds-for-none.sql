-- transactions-sum-holds-for-none: audience "transactions_sum_holds_for_none" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"transactions":"sum","of":"amount","operator":"less-or-equal","value":100,"within-days":90}}
-- parameters in order: 2024-10-03T00:00 timestamp, 2025-01-01T00:00 timestamp, 100 decimal
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE NOT EXISTS (SELECT 1 FROM (SELECT t."CUSTOMER_ID" FROM "MODEL"."TRANSACTIONS" AS t WHERE t."CUSTOMER_ID" IS NOT NULL AND t."OCCURRED_AT" >= ? AND t."OCCURRED_AT" <= ? GROUP BY t."CUSTOMER_ID" HAVING NOT COALESCE(COALESCE(sum(t."AMOUNT"), 0) <= ?, FALSE)) AS g WHERE g."CUSTOMER_ID" = c."CUSTOMER_ID")
