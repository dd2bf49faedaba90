-- event-between-dates: audience "event_between_dates" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","between":["2024-12-01","2024-12-31"]}}
-- parameters in order: "Order Completed" text, 2024-12-01T00:00 timestamp, 2025-01-01T00:00 timestamp
SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE EXISTS (SELECT 1 FROM `model`.`events` AS e WHERE e.`customer_id` = c.`customer_id` AND e.`event` = ? AND e.`timestamp` >= ? AND e.`timestamp` < ?)
