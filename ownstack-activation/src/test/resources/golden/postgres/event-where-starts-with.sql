-- event-where-starts-with: audience "event_where_starts_with" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Product Viewed","where":[{"property":"sku","operator":"starts-with","value":"A_"}]}}
-- parameters in order: "Product Viewed" text, "A\\_%" text
SELECT c."customer_id" FROM "model"."customers" AS c WHERE EXISTS (SELECT 1 FROM "model"."events" AS e WHERE e."customer_id" = c."customer_id" AND e."event" = ? AND ((CAST(e."properties" AS JSONB) #>> ARRAY['sku']::TEXT[]) LIKE ? ESCAPE '\'))
