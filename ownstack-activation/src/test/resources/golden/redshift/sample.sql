-- sample: audience "sample" compiled for redshift as of 2025-01-01T00:00:00Z
-- definition: {"sample-percent":25,"rule":{"trait":"country","operator":"equals","value":"GB"}}
-- parameters in order: "GB" text, "sample:sample:" text, 25 integer
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."country" = ? AND MOD(STRTOL(SUBSTRING(MD5(CAST(? AS VARCHAR(MAX)) || c."customer_id"), 1, 8), 16), 100) < ?
