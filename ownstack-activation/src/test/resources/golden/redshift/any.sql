-- any: audience "any" compiled for redshift as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"any":[{"trait":"country","operator":"equals","value":"GB"},{"event":"Signed Up","within-days":7}]}}
-- parameters in order: "GB" text, "Signed Up" text, 2024-12-25T00:00 timestamp, 2025-01-01T00:00 timestamp
SELECT c."customer_id" FROM "model"."customers" AS c WHERE (c."country" = ? OR EXISTS (SELECT 1 FROM "model"."events" AS e WHERE e."customer_id" = c."customer_id" AND e."event" = ? AND e."timestamp" >= ? AND e."timestamp" <= ?))
