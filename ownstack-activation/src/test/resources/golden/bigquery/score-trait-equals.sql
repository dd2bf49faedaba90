-- score-trait-equals: audience "score_trait_equals" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"churn_decile","operator":"equals","value":10}}
-- parameters in order: 10 decimal
SELECT c.`customer_id` FROM `model`.`customers` AS c LEFT JOIN `model`.`customer_scores` AS s ON s.`customer_id` = c.`customer_id` WHERE s.`churn_decile` = ?
