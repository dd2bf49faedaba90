-- nested-groups: audience "nested_groups" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"all":[{"any":[{"trait":"vip","operator":"equals","value":true},{"not":{"audience":"gb"}}]},{"event":"Product Viewed","performed":false,"within-days":30}]}}
-- parameters in order: true boolean, "GB" text, "Product Viewed" text, 2024-12-02T00:00 timestamp, 2025-01-01T00:00 timestamp
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE ((c."VIP" = ? OR NOT COALESCE((c."COUNTRY" = ?), FALSE)) AND NOT (EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ? AND e."TIMESTAMP" >= ? AND e."TIMESTAMP" <= ?)))
