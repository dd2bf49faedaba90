-- holdout: audience "holdout" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"holdout-percent":10,"rule":{"event":"Order Completed"}}
-- parameters in order: "Order Completed" text, "holdout:holdout:" text, 10 integer
SELECT c."customer_id" FROM "model"."customers" AS c WHERE EXISTS (SELECT 1 FROM "model"."events" AS e WHERE e."customer_id" = c."customer_id" AND e."event" = ?) AND (CAST(CAST('x' || substr(md5(CAST(? AS TEXT) || c."customer_id"), 1, 8) AS BIT(32)) AS BIGINT) % 100) >= ?
