-- transactions-count: audience "transactions_count" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"transactions":"count","operator":"greater-or-equal","value":2,"within-days":365}}
-- parameters in order: 2024-01-02T00:00 timestamp, 2025-01-01T00:00 timestamp, 2 decimal
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE c."CUSTOMER_ID" IN (SELECT t."CUSTOMER_ID" FROM "MODEL"."TRANSACTIONS" AS t WHERE t."CUSTOMER_ID" IS NOT NULL AND t."OCCURRED_AT" >= ? AND t."OCCURRED_AT" <= ? GROUP BY t."CUSTOMER_ID" HAVING count(*) >= ?)
