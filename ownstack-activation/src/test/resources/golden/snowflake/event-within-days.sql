-- event-within-days: audience "event_within_days" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","within-days":30}}
-- parameters in order: "Order Completed" text, 2024-12-02T00:00 timestamp, 2025-01-01T00:00 timestamp
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ? AND e."TIMESTAMP" >= ? AND e."TIMESTAMP" <= ?)
