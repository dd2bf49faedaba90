-- event-where-number-between: audience "event_where_number_between" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","where":[{"property":"total","operator":"between","value":[10,100]}]}}
-- parameters in order: "Order Completed" text, 10.0 double, 100.0 double
SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE EXISTS (SELECT 1 FROM `model`.`events` AS e WHERE e.`customer_id` = c.`customer_id` AND e.`event` = ? AND (CASE WHEN JSON_TYPE(e.`properties`['total']) = 'number' THEN LAX_FLOAT64(e.`properties`['total']) END >= ? AND CASE WHEN JSON_TYPE(e.`properties`['total']) = 'number' THEN LAX_FLOAT64(e.`properties`['total']) END <= ?))
