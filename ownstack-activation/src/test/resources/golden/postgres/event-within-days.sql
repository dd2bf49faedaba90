-- event-within-days: audience "event_within_days" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","within-days":30}}
-- parameters in order: "Order Completed" text, 2024-12-02T00:00 timestamp, 2025-01-01T00:00 timestamp
SELECT c."customer_id" FROM "model"."customers" AS c WHERE EXISTS (SELECT 1 FROM "model"."events" AS e WHERE e."customer_id" = c."customer_id" AND e."event" = ? AND e."timestamp" >= ? AND e."timestamp" <= ?)
