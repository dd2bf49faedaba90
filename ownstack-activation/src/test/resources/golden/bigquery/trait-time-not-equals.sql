-- trait-time-not-equals: audience "trait_time_not_equals" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"first_seen","operator":"not-equals","value":"2024-01-01"}}
-- parameters in order: 2024-01-01T00:00 timestamp, 2024-01-02T00:00 timestamp
SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE (c.`first_seen` IS NULL OR NOT (c.`first_seen` >= ? AND c.`first_seen` < ?))
