-- any: audience "any" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"any":[{"trait":"country","operator":"equals","value":"GB"},{"event":"Signed Up","within-days":7}]}}
-- parameters in order: "Signed Up" text, 2024-12-25T00:00 timestamp, 2025-01-01T00:00 timestamp, "GB" text
SELECT c."customer_id" FROM "model"."customers" AS c LEFT JOIN (SELECT DISTINCT e."customer_id" FROM "model"."events" AS e WHERE e."customer_id" IS NOT NULL AND e."event" = ? AND e."timestamp" >= ? AND e."timestamp" <= ?) AS m1 ON m1."customer_id" = c."customer_id" WHERE (c."country" = ? OR m1."customer_id" IS NOT NULL)
