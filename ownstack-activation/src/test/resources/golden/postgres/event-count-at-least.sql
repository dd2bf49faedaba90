-- event-count-at-least: audience "event_count_at_least" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Product Viewed","count":{"operator":"at-least","value":3}}}
-- parameters in order: "Product Viewed" text, 3 integer
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."customer_id" IN (SELECT e."customer_id" FROM "model"."events" AS e WHERE e."customer_id" IS NOT NULL AND e."event" = ? GROUP BY e."customer_id" HAVING count(*) >= ?)
