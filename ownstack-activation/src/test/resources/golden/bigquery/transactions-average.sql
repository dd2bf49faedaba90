-- transactions-average: audience "transactions_average" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"transactions":"average","of":"amount","operator":"between","value":[20,80],"between":["2024-01-01","2024-12-31"]}}
-- parameters in order: 2024-01-01T00:00 timestamp, 2025-01-01T00:00 timestamp, 20 decimal, 80 decimal
SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE c.`customer_id` IN (SELECT t.`customer_id` FROM `model`.`transactions` AS t WHERE t.`customer_id` IS NOT NULL AND t.`occurred_at` >= ? AND t.`occurred_at` < ? GROUP BY t.`customer_id` HAVING avg(t.`amount`) >= ? AND avg(t.`amount`) <= ?)
