-- audience-with-sample-and-holdout: audience "audience_with_sample_and_holdout" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"audience":"vip_sample"}}
-- parameters in order: true boolean, "sample:vip_sample:" text, 50 integer, "holdout:vip_sample:" text, 10 integer
SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE (c.`vip` = ? AND MOD(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(CAST(? AS STRING) || c.`customer_id`)), 1, 8)) AS INT64), 100) < ? AND MOD(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(CAST(? AS STRING) || c.`customer_id`)), 1, 8)) AS INT64), 100) >= ?)
