-- transactions-count-holds-for-none: audience "transactions_count_holds_for_none" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"transactions":"count","operator":"less","value":2}}
-- parameters in order: 2 decimal
SELECT c."customer_id" FROM "model"."customers" AS c WHERE NOT EXISTS (SELECT 1 FROM (SELECT t."customer_id" FROM "model"."transactions" AS t WHERE t."customer_id" IS NOT NULL GROUP BY t."customer_id" HAVING NOT COALESCE(count(*) < ?, FALSE)) AS g WHERE g."customer_id" = c."customer_id")
