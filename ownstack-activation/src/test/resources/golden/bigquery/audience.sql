-- audience: audience "audience" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"audience":"gb"}}
-- parameters in order: "GB" text
SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE (c.`country` = ?)
