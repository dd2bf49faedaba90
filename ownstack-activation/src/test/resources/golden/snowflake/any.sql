-- any: audience "any" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"any":[{"trait":"country","operator":"equals","value":"GB"},{"event":"Signed Up","within-days":7}]}}
-- parameters in order: "GB" text, "Signed Up" text, 2024-12-25T00:00 timestamp, 2025-01-01T00:00 timestamp
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE (c."COUNTRY" = ? OR EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ? AND e."TIMESTAMP" >= ? AND e."TIMESTAMP" <= ?))
