-- score-trait-is-not-set: audience "score_trait_is_not_set" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"ltv_value","operator":"is-not-set"}}
-- parameters in order: none
SELECT c.`customer_id` FROM `model`.`customers` AS c LEFT JOIN `model`.`customer_scores` AS s ON s.`customer_id` = c.`customer_id` WHERE s.`ltv_value` IS NULL
