-- sample: audience "sample" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"sample-percent":25,"rule":{"trait":"country","operator":"equals","value":"GB"}}
-- parameters in order: "GB" text, "sample:sample:" text, 25 integer
SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE c.`country` = ? AND MOD(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(CAST(? AS STRING) || c.`customer_id`)), 1, 8)) AS INT64), 100) < ?
