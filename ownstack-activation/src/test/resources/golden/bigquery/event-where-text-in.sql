-- event-where-text-in: audience "event_where_text_in" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","where":[{"property":"currency","operator":"in","value":["GBP","EUR"]}]}}
-- parameters in order: "Order Completed" text, "GBP" text, "EUR" text
SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE EXISTS (SELECT 1 FROM `model`.`events` AS e WHERE e.`customer_id` = c.`customer_id` AND e.`event` = ? AND (CASE WHEN JSON_TYPE(e.`properties`['currency']) IN ('object', 'array') THEN TO_JSON_STRING(e.`properties`['currency']) ELSE JSON_VALUE(e.`properties`['currency']) END IN (?, ?)))
