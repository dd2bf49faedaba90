-- sample: audience "sample" compiled for duckdb as of 2025-01-01T00:00:00Z
-- definition: {"sample-percent":25,"rule":{"trait":"country","operator":"equals","value":"GB"}}
-- parameters in order: "GB" text, "sample:sample:" text, 25 integer
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."country" = ? AND (CAST('0x' || substr(md5(CAST(? AS VARCHAR) || c."customer_id"), 1, 8) AS BIGINT) % 100) < ?
