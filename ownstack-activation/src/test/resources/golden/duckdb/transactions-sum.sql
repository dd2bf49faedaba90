-- transactions-sum: audience "transactions_sum" compiled for duckdb as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"transactions":"sum","of":"amount","operator":"greater","value":500,"type":"order"}}
-- parameters in order: "order" text, 500 decimal
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."customer_id" IN (SELECT t."customer_id" FROM "model"."transactions" AS t WHERE t."customer_id" IS NOT NULL AND t."type" IN (?) GROUP BY t."customer_id" HAVING COALESCE(sum(t."amount"), 0) > ?)
