-- event-not-performed: audience "event_not_performed" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","performed":false}}
-- parameters in order: "Order Completed" text
SELECT c."customer_id" FROM "model"."customers" AS c WHERE NOT (EXISTS (SELECT 1 FROM "model"."events" AS e WHERE e."customer_id" = c."customer_id" AND e."event" = ?))
