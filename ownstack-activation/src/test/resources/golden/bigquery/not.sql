-- not: audience "not" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"not":{"trait":"country","operator":"equals","value":"GB"}}}
-- parameters in order: "GB" text
SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE NOT COALESCE(c.`country` = ?, FALSE)
