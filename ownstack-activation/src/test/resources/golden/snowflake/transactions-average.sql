-- transactions-average: audience "transactions_average" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"transactions":"average","of":"amount","operator":"between","value":[20,80],"between":["2024-01-01","2024-12-31"]}}
-- parameters in order: 2024-01-01T00:00 timestamp, 2025-01-01T00:00 timestamp, 20 decimal, 80 decimal
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE c."CUSTOMER_ID" IN (SELECT t."CUSTOMER_ID" FROM "MODEL"."TRANSACTIONS" AS t WHERE t."CUSTOMER_ID" IS NOT NULL AND t."OCCURRED_AT" >= ? AND t."OCCURRED_AT" < ? GROUP BY t."CUSTOMER_ID" HAVING avg(t."AMOUNT") >= ? AND avg(t."AMOUNT") <= ?)
