-- event-where-starts-with: audience "event_where_starts_with" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Product Viewed","where":[{"property":"sku","operator":"starts-with","value":"A_"}]}}
-- parameters in order: "Product Viewed" text, "A\\_%" text
SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE EXISTS (SELECT 1 FROM `model`.`events` AS e WHERE e.`customer_id` = c.`customer_id` AND e.`event` = ? AND (CASE WHEN JSON_TYPE(e.`properties`['sku']) IN ('object', 'array') THEN TO_JSON_STRING(e.`properties`['sku']) ELSE JSON_VALUE(e.`properties`['sku']) END LIKE ?))
