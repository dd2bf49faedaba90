-- event-count-at-least: audience "event_count_at_least" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Product Viewed","count":{"operator":"at-least","value":3}}}
-- parameters in order: "Product Viewed" text, 3 integer
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE c."CUSTOMER_ID" IN (SELECT e."CUSTOMER_ID" FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" IS NOT NULL AND e."EVENT" = ? GROUP BY e."CUSTOMER_ID" HAVING count(*) >= ?)
