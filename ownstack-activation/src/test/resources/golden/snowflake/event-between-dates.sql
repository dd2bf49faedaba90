-- event-between-dates: audience "event_between_dates" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","between":["2024-12-01","2024-12-31"]}}
-- parameters in order: "Order Completed" text, 2024-12-01T00:00 timestamp, 2025-01-01T00:00 timestamp
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ? AND e."TIMESTAMP" >= ? AND e."TIMESTAMP" < ?)
