-- audience-with-sample-and-holdout: audience "audience_with_sample_and_holdout" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"audience":"vip_sample"}}
-- parameters in order: true boolean, "sample:vip_sample:" text, 50 integer, "holdout:vip_sample:" text, 10 integer
SELECT c."customer_id" FROM "model"."customers" AS c WHERE (c."vip" = ? AND (CAST(CAST('x' || substr(md5(CAST(? AS TEXT) || c."customer_id"), 1, 8) AS BIT(32)) AS BIGINT) % 100) < ? AND (CAST(CAST('x' || substr(md5(CAST(? AS TEXT) || c."customer_id"), 1, 8) AS BIT(32)) AS BIGINT) % 100) >= ?)
