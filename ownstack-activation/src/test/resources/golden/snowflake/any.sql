-- any: audience "any" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"any":[{"trait":"country","operator":"equals","value":"GB"},{"event":"Signed Up","within-days":7}]}}
-- parameters in order: "Signed Up" text, 2024-12-25T00:00 timestamp, 2025-01-01T00:00 timestamp, "GB" text
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c LEFT JOIN (SELECT DISTINCT e."CUSTOMER_ID" FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" IS NOT NULL AND e."EVENT" = ? AND e."TIMESTAMP" >= ? AND e."TIMESTAMP" <= ?) AS m1 ON m1."CUSTOMER_ID" = c."CUSTOMER_ID" WHERE (c."COUNTRY" = ? OR m1."CUSTOMER_ID" IS NOT NULL)
