-- holdout-control-group: audience "holdout" (its holdout group) compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"holdout-percent":10,"rule":{"event":"Order Completed"}}
-- parameters in order: "Order Completed" text, "holdout:holdout:" text, 10 integer
SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE EXISTS (SELECT 1 FROM `model`.`events` AS e WHERE e.`customer_id` = c.`customer_id` AND e.`event` = ?) AND MOD(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(CAST(? AS STRING) || c.`customer_id`)), 1, 8)) AS INT64), 100) < ?
