-- event-not-performed-within-days-with-filter: audience "event_not_performed_within_days_with_filter" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","performed":false,"where":[{"property":"total","operator":"greater-or-equal","value":100}],"within-days":90}}
-- parameters in order: "Order Completed" text, 2024-10-03T00:00 timestamp, 2025-01-01T00:00 timestamp, 100.0 double
SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE NOT (EXISTS (SELECT 1 FROM `model`.`events` AS e WHERE e.`customer_id` = c.`customer_id` AND e.`event` = ? AND e.`timestamp` >= ? AND e.`timestamp` <= ? AND (CASE WHEN JSON_TYPE(e.`properties`['total']) = 'number' THEN LAX_FLOAT64(e.`properties`['total']) END >= ?)))
