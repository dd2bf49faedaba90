-- event-count-at-most: audience "event_count_at_most" compiled for bigquery as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Product Viewed","count":{"operator":"at-most","value":2}}}
-- parameters in order: "Product Viewed" text, 2 integer
SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE NOT EXISTS (SELECT 1 FROM (SELECT e.`customer_id` FROM `model`.`events` AS e WHERE e.`event` = ? GROUP BY e.`customer_id` HAVING count(*) > ?) AS g WHERE g.`customer_id` = c.`customer_id`)
