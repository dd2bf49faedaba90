-- event-not-performed: audience "event_not_performed" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Order Completed","performed":false}}
-- parameters in order: "Order Completed" text
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE NOT (EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ?))
