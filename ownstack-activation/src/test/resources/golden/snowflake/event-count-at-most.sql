-- event-count-at-most: audience "event_count_at_most" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Product Viewed","count":{"operator":"at-most","value":2}}}
-- parameters in order: "Product Viewed" text, 2 integer
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE NOT EXISTS (SELECT 1 FROM (SELECT e."CUSTOMER_ID" FROM "MODEL"."EVENTS" AS e WHERE e."EVENT" = ? GROUP BY e."CUSTOMER_ID" HAVING count(*) > ?) AS g WHERE g."CUSTOMER_ID" = c."CUSTOMER_ID")
