-- sample: audience "sample" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"sample-percent":25,"rule":{"trait":"country","operator":"equals","value":"GB"}}
-- parameters in order: "GB" text, "sample:sample:" text, 25 integer
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."country" = ? AND (CAST(CAST('x' || substr(md5(CAST(? AS TEXT) || c."customer_id"), 1, 8) AS BIT(32)) AS BIGINT) % 100) < ?
