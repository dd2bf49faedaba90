-- trait-starts-with: audience "trait_starts_with" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"email","operator":"starts-with","value":"ann"}}
-- parameters in order: "ann%" text
SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE c.`email` LIKE ?
