-- transactions-count: audience "transactions_count" compiled for duckdb as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"transactions":"count","operator":"greater-or-equal","value":2,"within-days":365}}
-- parameters in order: 2024-01-02T00:00 timestamp, 2025-01-01T00:00 timestamp, 2 decimal
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."customer_id" IN (SELECT t."customer_id" FROM "model"."transactions" AS t WHERE t."customer_id" IS NOT NULL AND t."occurred_at" >= ? AND t."occurred_at" <= ? GROUP BY t."customer_id" HAVING count(*) >= ?)
