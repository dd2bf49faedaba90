-- event-performed: audience "event_performed" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed"}}
-- parameters in order: "Order Completed" text
SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE EXISTS (SELECT 1 FROM `model`.`events` AS e WHERE e.`customer_id` = c.`customer_id` AND e.`event` = ?)
