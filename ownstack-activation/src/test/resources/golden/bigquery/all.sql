-- all: audience "all" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"all":[{"trait":"country","operator":"in","value":["GB","IE"]},{"event":"Order Completed"},{"transactions":"sum","of":"amount","operator":"greater","value":100}]}}
-- parameters in order: "GB" text, "IE" text, "Order Completed" text, 100 decimal
SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE (c.`country` IN (?, ?) AND EXISTS (SELECT 1 FROM `model`.`events` AS e WHERE e.`customer_id` = c.`customer_id` AND e.`event` = ?) AND c.`customer_id` IN (SELECT t.`customer_id` FROM `model`.`transactions` AS t WHERE t.`customer_id` IS NOT NULL GROUP BY t.`customer_id` HAVING COALESCE(sum(t.`amount`), 0) > ?))
