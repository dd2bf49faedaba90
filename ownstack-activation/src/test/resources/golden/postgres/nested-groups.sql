-- nested-groups: audience "nested_groups" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"all":[{"any":[{"trait":"vip","operator":"equals","value":true},{"not":{"audience":"gb"}}]},{"event":"Product Viewed","performed":false,"within-days":30}]}}
-- parameters in order: true boolean, "GB" text, "Product Viewed" text, 2024-12-02T00:00 timestamp, 2025-01-01T00:00 timestamp
SELECT c."customer_id" FROM "model"."customers" AS c WHERE ((c."vip" = ? OR NOT COALESCE((c."country" = ?), FALSE)) AND NOT (EXISTS (SELECT 1 FROM "model"."events" AS e WHERE e."customer_id" = c."customer_id" AND e."event" = ? AND e."timestamp" >= ? AND e."timestamp" <= ?)))
