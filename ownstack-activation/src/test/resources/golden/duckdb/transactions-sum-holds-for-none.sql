-- transactions-sum-holds-for-none: audience "transactions_sum_holds_for_none" compiled for duckdb as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"transactions":"sum","of":"amount","operator":"less-or-equal","value":100,"within-days":90}}
-- parameters in order: 2024-10-03T00:00 timestamp, 2025-01-01T00:00 timestamp, 100 decimal
SELECT c."customer_id" FROM "model"."customers" AS c WHERE NOT EXISTS (SELECT 1 FROM (SELECT t."customer_id" FROM "model"."transactions" AS t WHERE t."customer_id" IS NOT NULL AND t."occurred_at" >= ? AND t."occurred_at" <= ? GROUP BY t."customer_id" HAVING NOT COALESCE(COALESCE(sum(t."amount"), 0) <= ?, FALSE)) AS g WHERE g."customer_id" = c."customer_id")
